package dev.llmcache.security;

import dev.llmcache.web.Caller;
import dev.llmcache.web.ForbiddenException;
import dev.llmcache.web.InvalidRequestException;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Collections;
import java.util.Enumeration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.HandlerExceptionResolver;

/**
 * Authenticates {@code Authorization: Bearer <token>} by the token's SHA-256 ({@link TokenMatcher}).
 * An unknown token is a 401 at once, two {@code Authorization} headers a 400 (a proxy reading the
 * other one would see another caller); no header leaves the request anonymous, for the
 * authorization rules to judge. Without tokens everyone is the anonymous ADMIN, and then, unless
 * anonymous access was allowed on purpose, only for requests addressed to a loopback host: a web
 * page that rebinds its DNS name to 127.0.0.1 still sends its own name as {@code Host}.
 */
class BearerTokenFilter extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(BearerTokenFilter.class);
    private static final String BEARER = "Bearer ";

    private final TokenMatcher tokens;
    private final boolean anonymous;
    private final boolean loopbackHostOnly;
    private final AuthenticationEntryPoint entryPoint;
    private final HandlerExceptionResolver errors;

    BearerTokenFilter(SecurityProperties properties, AuthenticationEntryPoint entryPoint, HandlerExceptionResolver errors) {
        this.tokens = new TokenMatcher(properties.tokens());
        this.anonymous = properties.tokens().isEmpty();
        this.loopbackHostOnly = anonymous && !properties.allowAnonymous();
        this.entryPoint = entryPoint;
        this.errors = errors;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Enumeration<String> headers = request.getHeaders(HttpHeaders.AUTHORIZATION);
        if (headers != null && Collections.list(headers).size() > 1) {
            errors.resolveException(request, response, null, new InvalidRequestException(HttpHeaders.AUTHORIZATION,
                    "must be sent once: two Authorization headers may name two callers"));
            return;
        }
        if (anonymous) {
            if (loopbackHostOnly && !LoopbackHosts.isLoopback(request.getServerName())) {
                errors.resolveException(request, response, null, new ForbiddenException("Without access tokens this server "
                        + "answers only requests addressed to localhost, 127.0.0.1 or [::1], not to the Host sent."));
                return;
            }
            SecurityContextHolder.getContext().setAuthentication(new TokenAuthentication(Caller.ANONYMOUS));
            chain.doFilter(request, response);
            return;
        }
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (header != null) {
            Optional<SecurityProperties.Token> token = header.regionMatches(true, 0, BEARER, 0, BEARER.length())
                    ? tokens.match(header.substring(BEARER.length()).trim()) : Optional.empty();
            if (token.isEmpty()) {
                // Never the token itself in the log.
                log.debug("Refused {} {}: unknown or malformed bearer token", request.getMethod(), request.getRequestURI());
                SecurityContextHolder.clearContext();
                entryPoint.commence(request, response, new BadCredentialsException("unknown token"));
                return;
            }
            SecurityContextHolder.getContext().setAuthentication(new TokenAuthentication(token.get().caller()));
        }
        chain.doFilter(request, response);
    }
}
