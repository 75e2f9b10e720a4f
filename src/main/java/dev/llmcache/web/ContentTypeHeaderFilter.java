package dev.llmcache.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Answers 415 with a problem when the {@code Content-Type} is a wildcard ({@code application/*},
 * {@code *}{@code /*}): no body can be of such a type, and Spring MVC, asked to read one, fails with an
 * {@code IllegalArgumentException} that would otherwise be a 500 (the actuator reads the body of
 * every request). Types that do not parse are left to Spring MVC, which refuses them with a 415.
 */
class ContentTypeHeaderFilter extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(ContentTypeHeaderFilter.class);

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String contentType = request.getContentType();
        if (contentType == null || !isWildcard(contentType)) {
            chain.doFilter(request, response);
            return;
        }
        log.debug("Refused {} {}: wildcard Content-Type", ProblemWriter.quoted(request.getMethod(), 20),
                ProblemWriter.quoted(request.getRequestURI(), 200));
        ProblemWriter.write(response, HttpStatus.UNSUPPORTED_MEDIA_TYPE, ProblemTypes.UNSUPPORTED_MEDIA_TYPE,
                "The Content-Type must name the body's type, not a wildcard (got \"" + ProblemWriter.quoted(contentType, 100)
                        + "\"); send Content-Type: application/json.", ProblemWriter.instance(request.getRequestURI()));
    }

    private static boolean isWildcard(String contentType) {
        try {
            MediaType type = MediaType.parseMediaType(contentType);
            return type.isWildcardType() || type.isWildcardSubtype();
        } catch (InvalidMediaTypeException unparsable) {
            return false;
        }
    }
}
