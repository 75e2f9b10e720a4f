package dev.llmcache.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import java.io.PrintWriter;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The actuator answers some errors with no body at all ({@code GET /actuator/health/unknown} is an
 * empty 404): such an answer is held back and sent again through the error page, as a problem.
 * Only under {@code /actuator/}; the API's own errors always carry a problem.
 */
class EmptyErrorBodyFilter extends OncePerRequestFilter {

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !request.getRequestURI().startsWith("/actuator/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        HoldingResponse holding = new HoldingResponse(response);
        chain.doFilter(request, holding);
        if (response.getStatus() >= 400 && !holding.written && !response.isCommitted() && !request.isAsyncStarted()) {
            int status = response.getStatus();
            response.reset(); // drops the Content-Length: 0 the endpoint set
            response.sendError(status);
        } else if (holding.heldBack) {
            response.flushBuffer();
        }
    }

    /** Holds back the commit of an error status until something is written. */
    private static final class HoldingResponse extends HttpServletResponseWrapper {

        private boolean written;
        private boolean heldBack;

        HoldingResponse(HttpServletResponse response) {
            super(response);
        }

        @Override
        public void flushBuffer() throws IOException {
            if (getStatus() >= 400 && !written) {
                heldBack = true;
                return;
            }
            super.flushBuffer();
        }

        @Override
        public ServletOutputStream getOutputStream() throws IOException {
            ServletOutputStream stream = super.getOutputStream();
            return new ServletOutputStream() {
                @Override
                public void write(int b) throws IOException {
                    written = true;
                    stream.write(b);
                }

                @Override
                public void write(byte[] bytes, int offset, int length) throws IOException {
                    written |= length > 0;
                    stream.write(bytes, offset, length);
                }

                @Override
                public void flush() throws IOException {
                    if (getStatus() >= 400 && !written) {
                        heldBack = true;
                        return;
                    }
                    stream.flush();
                }

                @Override
                public boolean isReady() {
                    return stream.isReady();
                }

                @Override
                public void setWriteListener(WriteListener listener) {
                    stream.setWriteListener(listener);
                }
            };
        }

        @Override
        public PrintWriter getWriter() throws IOException {
            written = true;
            return super.getWriter();
        }
    }
}
