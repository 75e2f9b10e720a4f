package dev.llmcache.security;

import dev.llmcache.web.Caller;
import java.util.List;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/** An authenticated caller: a configured token, or the anonymous administrator when none are configured. */
final class TokenAuthentication extends AbstractAuthenticationToken {

    private final Caller caller;

    TokenAuthentication(Caller caller) {
        super(List.of(new SimpleGrantedAuthority("ROLE_" + caller.role().name())));
        this.caller = caller;
        setAuthenticated(true);
    }

    Caller caller() {
        return caller;
    }

    @Override
    public Object getCredentials() {
        return "";
    }

    @Override
    public Object getPrincipal() {
        return caller.displayName();
    }
}
