package dev.llmcache.security;

import dev.llmcache.metrics.MetricNames;
import dev.llmcache.web.Caller;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.HandlerExceptionResolver;

/**
 * Answers 429 to a caller over {@code cache.security.rate-limit}: each token has its bucket, an
 * anonymous caller one per client address. The actuator is never limited, so that health checks
 * and scrapes go on whatever the clients do. Runs after authentication, so an unknown token is a
 * 401 and costs no one's bucket.
 */
class RateLimitFilter extends OncePerRequestFilter {

    private final RateLimiter limiter;
    private final MeterRegistry registry;
    private final HandlerExceptionResolver errors;

    RateLimitFilter(RateLimiter limiter, MeterRegistry registry, HandlerExceptionResolver errors) {
        this.limiter = limiter;
        this.registry = registry;
        this.errors = errors;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return path.equals("/actuator") || path.startsWith("/actuator/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        Caller caller = authentication instanceof TokenAuthentication token ? token.caller() : null;
        boolean byToken = caller != null && !caller.isAnonymous();
        String key = byToken ? "token:" + caller.tokenName() : "address:" + request.getRemoteAddr();
        Optional<Duration> wait = limiter.acquire(key);
        if (wait.isPresent()) {
            // API.md: the token label holds the configured tokens' names; the rest (callers without a token) are "other".
            Counter.builder(MetricNames.RATE_LIMITED).tag(MetricNames.TOKEN, byToken ? caller.tokenName() : MetricNames.OTHER)
                    .description("Requests refused with 429 by cache.security.rate-limit, by token (other: callers without one)")
                    .register(registry).increment();
            errors.resolveException(request, response, null,
                    new RateLimitedException(byToken ? "token '" + caller.tokenName() + "'" : "this address", wait.get()));
            return;
        }
        chain.doFilter(request, response);
    }
}
