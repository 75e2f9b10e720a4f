package dev.llmcache.lookup.web;

import dev.llmcache.entry.EntryKey;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Enumeration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.ServerHttpObservationFilter;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerExecutionChain;
import org.springframework.web.servlet.HandlerMapping;

/**
 * Maps a plain {@code GET /api/v1/entries/{cacheKey}}, the request a fleet of CI runners sends most,
 * straight to {@link PlainGetHandler}, ahead of Spring MVC's request mappings: their search through
 * every mapping with a path variable, the resolution of five parameters and the negotiation of the
 * answer's type were a fifth of a hit's CPU (docs/performance.md, change 28).
 *
 * <p>Plain means: a first dispatch, a well-formed key, no query (no {@code lease=} or {@code wait=}),
 * no conditional header, and an {@code Accept} header that is absent, {@code *}{@code /*} or
 * {@code application/json}, for which the negotiation's outcome is known. Any other request goes on to
 * {@code LookupController.get} by its ordinary mapping; both answer through the same controller code.
 */
@Component
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class PlainGetMapping implements HandlerMapping, Ordered {

    /** The pattern the ordinary mapping has: the metrics' {@code uri} tag and the request's attribute. */
    static final String PATTERN = "/api/v1/entries/{cacheKey}";
    /** The request attribute that carries the key from the mapping to the handler. */
    static final String KEY_ATTRIBUTE = PlainGetMapping.class.getName() + ".key";

    private static final String PREFIX = "/api/v1/entries/";
    private static final String[] CONDITIONAL_HEADERS = {HttpHeaders.IF_NONE_MATCH, HttpHeaders.IF_MATCH,
            HttpHeaders.IF_MODIFIED_SINCE, HttpHeaders.IF_UNMODIFIED_SINCE};

    private final HandlerMethod handler;

    PlainGetMapping(PlainGetHandler handler) {
        this.handler = new HandlerMethod(handler, PlainGetHandler.METHOD);
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }

    @Override
    public HandlerExecutionChain getHandler(HttpServletRequest request) {
        String key = plainKey(request);
        if (key == null) {
            return null;
        }
        request.setAttribute(KEY_ATTRIBUTE, key);
        request.setAttribute(BEST_MATCHING_PATTERN_ATTRIBUTE, PATTERN);
        ServerHttpObservationFilter.findObservationContext(request).ifPresent(context -> context.setPathPattern(PATTERN));
        return new HandlerExecutionChain(handler);
    }

    /** The key of a plain GET of an entry; null for any other request. */
    static String plainKey(HttpServletRequest request) {
        if (request.getDispatcherType() != DispatcherType.REQUEST || !"GET".equals(request.getMethod())
                || request.getQueryString() != null) {
            return null;
        }
        String uri = request.getRequestURI();
        int start = request.getContextPath().length();
        if (!uri.startsWith(PREFIX, start)) {
            return null;
        }
        String key = uri.substring(start + PREFIX.length());
        if (!EntryKey.isValid(key) || !acceptsJsonAsWritten(request)) {
            return null;
        }
        for (String header : CONDITIONAL_HEADERS) {
            if (request.getHeader(header) != null) {
                return null;
            }
        }
        return key;
    }

    /** One Accept header at most, and one the hit's application/json satisfies without negotiating. */
    private static boolean acceptsJsonAsWritten(HttpServletRequest request) {
        Enumeration<String> values = request.getHeaders(HttpHeaders.ACCEPT);
        if (values == null || !values.hasMoreElements()) {
            return true;
        }
        String accept = values.nextElement();
        return !values.hasMoreElements() && (accept.equals(MediaType.ALL_VALUE) || accept.equals(MediaType.APPLICATION_JSON_VALUE));
    }
}
