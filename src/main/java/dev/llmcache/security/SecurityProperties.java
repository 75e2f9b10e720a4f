package dev.llmcache.security;

import dev.llmcache.web.Caller;
import dev.llmcache.web.Role;
import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Access tokens under {@code cache.security.*}. Only the SHA-256 of each token is configured, so
 * the configuration holds no secret.
 *
 * @param tokens the tokens; none means anyone is served as ADMIN (loopback only, unless allowed)
 * @param allowAnonymous serve without tokens on a non-loopback address, on purpose
 * @param publicActuator whether /actuator/health and /actuator/prometheus need no token
 * @param rateLimit the per-token request rate limit (off by default)
 * @param cors the browser origins allowed to call the API (none by default)
 */
@Validated
@ConfigurationProperties("cache.security")
public record SecurityProperties(
        @DefaultValue List<@Valid Token> tokens,
        @DefaultValue("false") boolean allowAnonymous,
        @DefaultValue("true") boolean publicActuator,
        @DefaultValue @Valid RateLimit rateLimit,
        @DefaultValue @Valid Cors cors) {

    /** These tokens, with the other settings at their defaults. */
    static SecurityProperties of(List<Token> tokens, boolean allowAnonymous) {
        return new SecurityProperties(tokens, allowAnonymous, true, new RateLimit(0, null), new Cors(List.of()));
    }

    /** Token names identify callers in logs: they must be unique. */
    @AssertTrue(message = "cache.security.tokens must have unique names and unique sha256 values")
    public boolean isUnique() {
        Set<String> names = tokens.stream().map(Token::name).collect(Collectors.toSet());
        Set<String> hashes = tokens.stream().map(Token::sha256).collect(Collectors.toSet());
        return names.size() == tokens.size() && hashes.size() == tokens.size();
    }

    /**
     * One token.
     *
     * @param name who holds it, for logs and messages
     * @param sha256 lowercase hex SHA-256 of the token (printf %s "$TOKEN" | sha256sum)
     * @param role what it may do
     * @param namespaces the namespaces it may use, * for all
     */
    public record Token(
            @NotBlank String name,
            @NotNull @Pattern(regexp = "^[0-9a-f]{64}$", message = "must be the lowercase hex SHA-256 of the token") String sha256,
            @NotNull Role role,
            @NotEmpty List<@Pattern(regexp = "^(\\*|[a-z0-9][a-z0-9_-]{0,63})$",
                    message = "must be * or a namespace (lowercase letters, digits, '_' or '-')") String> namespaces) {

        Caller caller() {
            return new Caller(name, role, namespaces);
        }
    }

    /**
     * Requests per token (per client address when anonymous), as a token bucket.
     *
     * @param requestsPerSecond the average rate allowed; 0 turns the limit off
     * @param burst how many requests may come at once; default twice the rate (at least 1)
     */
    public record RateLimit(
            @DecimalMin(value = "0", message = "cache.security.rate-limit.requests-per-second must be 0 (off) or more")
            @DefaultValue("0") double requestsPerSecond,
            @Positive(message = "cache.security.rate-limit.burst must be at least 1") Integer burst) {

        public boolean enabled() {
            return requestsPerSecond > 0;
        }

        /** The bucket's capacity: the burst, or twice the rate, at least 1. */
        public long capacity() {
            return burst != null ? burst : Math.max(1, (long) Math.ceil(2 * requestsPerSecond));
        }
    }

    /**
     * Cross-origin requests from browsers.
     *
     * @param allowedOrigins origins (e.g. https://dashboard.example.com) whose pages may call the API; none: CORS off
     */
    public record Cors(@DefaultValue List<String> allowedOrigins) {
    }
}
