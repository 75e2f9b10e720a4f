package dev.llmcache.security;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The contract's Access table as route rules, first match wins: which role (and for operations that
 * span every namespace, an ADMIN of all namespaces) each method and path needs. Namespaces are
 * checked per request when the namespace is resolved (see {@code web.Caller}).
 */
final class AccessRules {

    static final String API = "/api/v1";

    private AccessRules() {
    }

    static void apply(AuthorizeHttpRequestsConfigurer<?>.AuthorizationManagerRequestMatcherRegistry routes,
            boolean publicActuator) {
        if (publicActuator) {
            routes.requestMatchers("/actuator/health", "/actuator/health/**", "/actuator/prometheus").permitAll();
        }
        // The async dispatch that ends a stream (server-sent events) belongs to a request
        // already authorised; with no session it would carry no authentication to check.
        routes.dispatcherTypeMatchers(DispatcherType.ASYNC).permitAll();
        routes.requestMatchers("/v3/api-docs", "/v3/api-docs/**", "/v3/api-docs.yaml", "/swagger-ui.html",
                        "/swagger-ui/**", "/error", "/problems/**").permitAll()
                // The llmcache client script holds no secret: a CI job fetches it before it has a token in use.
                .requestMatchers(HttpMethod.GET, "/client/llmcache").permitAll()
                .requestMatchers(HttpMethod.HEAD, "/client/llmcache").permitAll()
                // Operations across every namespace: only an ADMIN of all namespaces.
                .requestMatchers(HttpMethod.POST, API + "/eviction").access(TokenAuthorizations.adminOfAllNamespaces())
                .requestMatchers(HttpMethod.POST, API + "/admin/pricing/reload").access(TokenAuthorizations.adminOfAllNamespaces())
                .requestMatchers(HttpMethod.POST, API + "/admin/backup").access(TokenAuthorizations.adminOfAllNamespaces())
                .requestMatchers(API + "/admin/**").access(TokenAuthorizations.adminOfAllNamespaces())
                // ADMIN of the namespace.
                .requestMatchers(HttpMethod.DELETE, API + "/entries").hasRole("ADMIN")
                .requestMatchers(HttpMethod.POST, API + "/migrations").hasRole("ADMIN")
                .requestMatchers(HttpMethod.PUT, API + "/budget").hasRole("ADMIN")
                // WRITE: store, delete one, take and release leases.
                .requestMatchers(HttpMethod.POST, API + "/entries").hasRole("WRITE")
                .requestMatchers(HttpMethod.DELETE, API + "/entries/*").hasRole("WRITE")
                .requestMatchers(HttpMethod.DELETE, API + "/leases/*").hasRole("WRITE")
                .requestMatchers(AccessRules::asksForALease).hasRole("WRITE")
                // READ: everything else that reads (a READ token may wait on a lease).
                .requestMatchers(HttpMethod.POST, API + "/lookup", API + "/lookup/batch").hasRole("READ")
                .requestMatchers(HttpMethod.GET, API + "/**").hasRole("READ")
                .requestMatchers(HttpMethod.HEAD, API + "/**").hasRole("READ")
                // Anything else under the API (unknown routes, wrong methods) needs at least
                // a valid token before it learns it is a 404 or 405.
                .requestMatchers(API + "/**").hasRole("READ")
                .anyRequest().hasRole("ADMIN");
    }

    /** A lookup (by key, by factors, or a batch) that asks for a lease: READ may make it without {@code lease=}. */
    static boolean isLookupAskingForALease(HttpServletRequest request) {
        String path = request.getRequestURI();
        boolean lookup = switch (request.getMethod()) {
            case "GET", "HEAD" -> path.startsWith(API + "/entries/");
            case "POST" -> path.equals(API + "/lookup") || path.equals(API + "/lookup/batch");
            default -> false;
        };
        return lookup && asksForALease(request);
    }

    /** A lookup with {@code lease=} in its query string (never read from a body) takes a lease. */
    private static boolean asksForALease(HttpServletRequest request) {
        String query = request.getQueryString();
        if (query == null || !query.contains("lease")) {
            return false;
        }
        try {
            return UriComponentsBuilder.newInstance().query(query).build().getQueryParams().containsKey("lease");
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
