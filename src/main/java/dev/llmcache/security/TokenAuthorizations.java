package dev.llmcache.security;

import java.util.function.Supplier;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;

/** Authorization rules that need more than a role: the token's namespaces too. */
final class TokenAuthorizations {

    private TokenAuthorizations() {
    }

    /** An ADMIN token whose namespaces are {@code *}, for operations that span every namespace. */
    static AuthorizationManager<RequestAuthorizationContext> adminOfAllNamespaces() {
        return (Supplier<? extends Authentication> authentication, RequestAuthorizationContext context) ->
                new AuthorizationDecision(authentication.get() instanceof TokenAuthentication token
                        && token.caller().isAdminOfAllNamespaces());
    }
}
