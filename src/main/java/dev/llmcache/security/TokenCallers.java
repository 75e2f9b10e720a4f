package dev.llmcache.security;

import dev.llmcache.web.Caller;
import dev.llmcache.web.CallerSource;
import dev.llmcache.web.Role;
import java.util.List;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/** The caller as {@link BearerTokenFilter} authenticated it; a request without a token may use nothing. */
@Component
class TokenCallers implements CallerSource {

    /** Reaches a controller only on a public route: it may use no namespace. */
    static final Caller UNAUTHENTICATED = new Caller("unauthenticated", Role.READ, List.of());

    @Override
    public Caller current() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication instanceof TokenAuthentication token ? token.caller() : UNAUTHENTICATED;
    }
}
