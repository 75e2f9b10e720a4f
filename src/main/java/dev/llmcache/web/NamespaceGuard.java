package dev.llmcache.web;

/** Decides whether the current caller may use a namespace; throws {@link ForbiddenException} when not. */
public interface NamespaceGuard {

    void check(Namespace namespace);
}
