package dev.llmcache.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Answers of the entry and lookup routes leave in one write, with a {@code Content-Length}, when
 * they fit Tomcat's buffer. Spring MVC flushes a {@code ResponseEntity} as soon as its body is
 * written (and Jackson flushes the stream it wrote to), which commits the answer early: Tomcat then
 * sends it chunked, and a second write carries the last chunk. Here those flushes are ignored, so
 * Tomcat commits at the end of the request, when it knows the length; an answer larger than the
 * buffer is still sent as it is written. Not for the migration's event stream, which must flush.
 */
class SingleWriteFilter extends OncePerRequestFilter {

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String uri = request.getRequestURI();
        return !(uri.startsWith("/api/v1/entries") || uri.startsWith("/api/v1/lookup"));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        chain.doFilter(request, new UnflushedResponse(response));
    }

    /** A response whose flushes wait for the end of the request. */
    private static final class UnflushedResponse extends HttpServletResponseWrapper {

        private ServletOutputStream stream;

        UnflushedResponse(HttpServletResponse response) {
            super(response);
        }

        @Override
        public void flushBuffer() {
            // Tomcat commits and writes when the request ends, or when its buffer is full.
        }

        @Override
        public ServletOutputStream getOutputStream() throws IOException {
            if (stream == null) {
                stream = new UnflushedStream(super.getOutputStream());
            }
            return stream;
        }
    }

    private static final class UnflushedStream extends ServletOutputStream {

        private final ServletOutputStream target;

        UnflushedStream(ServletOutputStream target) {
            this.target = target;
        }

        @Override
        public void write(int b) throws IOException {
            target.write(b);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            target.write(bytes, offset, length);
        }

        @Override
        public void flush() {
            // See UnflushedResponse.flushBuffer.
        }

        @Override
        public void close() throws IOException {
            target.close();
        }

        @Override
        public boolean isReady() {
            return target.isReady();
        }

        @Override
        public void setWriteListener(WriteListener listener) {
            target.setWriteListener(listener);
        }
    }
}
