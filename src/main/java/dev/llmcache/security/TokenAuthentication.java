package dev.llmcache.security;

import java.util.List;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/** An authenticated caller: a configured token, or the anonymous administrator when none are configured. */
final class TokenAuthentication extends AbstractAuthenticationToken {

    static final SecurityProperties.Token ANONYMOUS_ADMIN =
            new SecurityProperties.Token("anonymous", "0".repeat(64), Role.ADMIN, List.of("*"));

    private final SecurityProperties.Token token;

    TokenAuthentication(SecurityProperties.Token token) {
        super(List.of(new SimpleGrantedAuthority("ROLE_" + token.role().name())));
        this.token = token;
        setAuthenticated(true);
    }

    SecurityProperties.Token token() {
        return token;
    }

    @Override
    public Object getCredentials() {
        return "";
    }

    @Override
    public Object getPrincipal() {
        return token.name();
    }
}
