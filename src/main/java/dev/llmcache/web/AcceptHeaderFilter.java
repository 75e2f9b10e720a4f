package dev.llmcache.web;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.util.InvalidMimeTypeException;
import org.springframework.util.MimeTypeUtils;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Answers 406 with a problem when the {@code Accept} header cannot be read (non-ASCII, not a list of
 * media types, or more of them than Spring sorts). Left to Spring MVC, such a header makes every
 * answer unwritable, the error included: an empty 406, or a firewall rejection while the error is
 * being written. A header of only empty elements ({@code Accept: ,,}) counts as absent, as HTTP
 * says, rather than reaching the actuator's parser. On an error dispatch (an error Tomcat answers
 * itself, such as a TRACE) the header is hidden instead, so that the error keeps its status.
 */
class AcceptHeaderFilter extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(AcceptHeaderFilter.class);

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        List<String> accept = Collections.list(request.getHeaders(HttpHeaders.ACCEPT));
        if (accept.isEmpty()) {
            chain.doFilter(request, response);
            return;
        }
        List<MediaType> types = parse(accept);
        if (types == null && request.getDispatcherType() == DispatcherType.ERROR) {
            // Tomcat's own refusals (TRACE, ...) reach the error page directly: keep their status, still write the problem.
            chain.doFilter(new WithoutAccept(request), response);
            return;
        }
        if (types == null) {
            log.debug("Refused {} {}: unreadable Accept header", ProblemWriter.quoted(request.getMethod(), 20),
                    ProblemWriter.quoted(request.getRequestURI(), 200));
            ProblemWriter.write(response, HttpStatus.NOT_ACCEPTABLE, ProblemTypes.NOT_ACCEPTABLE,
                    "The Accept header cannot be read: it must be ASCII and a list of at most 50 media types (got \""
                            + ProblemWriter.quoted(String.join(", ", accept), 100) + "\"); send Accept: application/json, or leave it out.", ProblemWriter.instance(request.getRequestURI()));
            return;
        }
        chain.doFilter(types.isEmpty() ? new WithoutAccept(request) : request, response);
    }

    @Override
    protected boolean shouldNotFilterErrorDispatch() {
        return false;
    }

    /** The media types, or null when the header is not ASCII text or does not parse as Spring MVC parses it. */
    private static List<MediaType> parse(List<String> values) {
        for (String value : values) {
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                if ((c < 0x20 && c != '\t') || c >= 0x7f) {
                    return null;
                }
            }
        }
        try {
            List<MediaType> types = MediaType.parseMediaTypes(values);
            MimeTypeUtils.sortBySpecificity(types);
            return types;
        } catch (InvalidMediaTypeException | InvalidMimeTypeException e) {
            return null;
        }
    }

    /** The request as if it had no Accept header: any media type will do. */
    private static final class WithoutAccept extends HttpServletRequestWrapper {

        WithoutAccept(HttpServletRequest request) {
            super(request);
        }

        @Override
        public String getHeader(String name) {
            return HttpHeaders.ACCEPT.equalsIgnoreCase(name) ? null : super.getHeader(name);
        }

        @Override
        public Enumeration<String> getHeaders(String name) {
            return HttpHeaders.ACCEPT.equalsIgnoreCase(name) ? Collections.emptyEnumeration() : super.getHeaders(name);
        }

        @Override
        public Enumeration<String> getHeaderNames() {
            return Collections.enumeration(Collections.list(super.getHeaderNames()).stream()
                    .filter(name -> !HttpHeaders.ACCEPT.equalsIgnoreCase(name)).toList());
        }
    }
}
