package dev.llmcache.web;

import java.util.List;

/**
 * Who is calling: the token's name, role and namespaces, as security authenticated it. Controllers
 * take it as a parameter, e.g. to record who wrote an entry.
 *
 * @param tokenName the token's configured name; null for the anonymous administrator (no tokens configured)
 * @param role what the caller may do
 * @param namespaces the namespaces it may use, {@code *} for all
 */
public record Caller(String tokenName, Role role, List<String> namespaces) {

    /** Everyone, when no token is configured: ADMIN of every namespace. */
    public static final Caller ANONYMOUS = new Caller(null, Role.ADMIN, List.of("*"));

    public Caller {
        namespaces = List.copyOf(namespaces);
    }

    public boolean isAnonymous() {
        return tokenName == null;
    }

    public boolean mayUse(Namespace namespace) {
        return namespaces.contains("*") || namespaces.contains(namespace.value());
    }

    /** An ADMIN of every namespace, for the operations that span them all. */
    public boolean isAdminOfAllNamespaces() {
        return role == Role.ADMIN && namespaces.contains("*");
    }

    /**
     * The namespace of a request that sends no {@code X-Cache-Namespace}: the token's only namespace
     * when it names exactly one, else {@value Namespace#DEFAULT}.
     */
    public Namespace defaultNamespace() {
        return namespaces.size() == 1 && !namespaces.get(0).equals("*") ? new Namespace(namespaces.get(0))
                : new Namespace(Namespace.DEFAULT);
    }

    /** How logs and messages name the caller. */
    public String displayName() {
        return isAnonymous() ? "anonymous" : tokenName;
    }
}
