package dev.llmcache.security;

import dev.llmcache.support.Sha256;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates {@code Authorization: Bearer <token>} by the token's SHA-256. An unknown token is a
 * 401 at once; no header leaves the request anonymous, for the authorization rules to judge.
 */
class BearerTokenFilter extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(BearerTokenFilter.class);
    private static final String BEARER = "Bearer ";

    private final Map<String, SecurityProperties.Token> tokensByHash;
    private final AuthenticationEntryPoint entryPoint;

    BearerTokenFilter(SecurityProperties properties, AuthenticationEntryPoint entryPoint) {
        this.tokensByHash = properties.tokens().stream()
                .collect(Collectors.toMap(SecurityProperties.Token::sha256, Function.identity()));
        this.entryPoint = entryPoint;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (tokensByHash.isEmpty()) {
            SecurityContextHolder.getContext().setAuthentication(new TokenAuthentication(TokenAuthentication.ANONYMOUS_ADMIN));
            chain.doFilter(request, response);
            return;
        }
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (header != null) {
            SecurityProperties.Token token = header.regionMatches(true, 0, BEARER, 0, BEARER.length())
                    ? tokensByHash.get(Sha256.hex(header.substring(BEARER.length()).trim())) : null;
            if (token == null) {
                // Never the token itself in the log.
                log.debug("Refused {} {}: unknown or malformed bearer token", request.getMethod(), request.getRequestURI());
                SecurityContextHolder.clearContext();
                entryPoint.commence(request, response, new BadCredentialsException("unknown token"));
                return;
            }
            SecurityContextHolder.getContext().setAuthentication(new TokenAuthentication(token));
        }
        chain.doFilter(request, response);
    }
}
