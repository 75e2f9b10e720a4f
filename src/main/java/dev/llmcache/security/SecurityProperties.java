package dev.llmcache.security;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
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
 */
@Validated
@ConfigurationProperties("cache.security")
public record SecurityProperties(
        @DefaultValue List<@Valid Token> tokens,
        @DefaultValue("false") boolean allowAnonymous,
        @DefaultValue("true") boolean publicActuator) {

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
            @NotEmpty List<String> namespaces) {

        boolean mayUse(String namespace) {
            return namespaces.contains("*") || namespaces.contains(namespace);
        }
    }
}
