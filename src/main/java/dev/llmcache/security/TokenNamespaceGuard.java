package dev.llmcache.security;

import dev.llmcache.web.ForbiddenException;
import dev.llmcache.web.Namespace;
import dev.llmcache.web.NamespaceGuard;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/** Refuses a namespace the caller's token does not list. */
@Component
class TokenNamespaceGuard implements NamespaceGuard {

    @Override
    public void check(Namespace namespace) {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication instanceof TokenAuthentication caller && !caller.token().mayUse(namespace.value())) {
            throw new ForbiddenException("Token '" + caller.token().name() + "' may not use namespace '" + namespace + "'.");
        }
    }
}
