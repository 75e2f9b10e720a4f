package dev.llmcache.security;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Matches API requests that ask for a miss lease ({@code lease=} in the query string). It reads the
 * raw query string rather than the parameters, so that a malformed percent-encoding elsewhere in it
 * never fails here (the edge answers it as a 400).
 */
final class LeaseParameterMatcher implements RequestMatcher {

    static final LeaseParameterMatcher INSTANCE = new LeaseParameterMatcher();

    private LeaseParameterMatcher() {
    }

    @Override
    public boolean matches(HttpServletRequest request) {
        String query = request.getQueryString();
        if (query == null || !request.getRequestURI().startsWith("/api/")) {
            return false;
        }
        for (String pair : query.split("&")) {
            int equals = pair.indexOf('=');
            String name = equals < 0 ? pair : pair.substring(0, equals);
            if (name.equals("lease")) {
                return true;
            }
        }
        return false;
    }
}
