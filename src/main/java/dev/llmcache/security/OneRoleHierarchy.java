package dev.llmcache.security;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.security.access.hierarchicalroles.RoleHierarchy;
import org.springframework.security.core.GrantedAuthority;

/**
 * Spring Security's role hierarchy with its answer kept for a caller of one role, the only kind there
 * is here ({@link TokenAuthentication}): asked on every request, {@code RoleHierarchyImpl} built the
 * reachable set again and formatted a debug message each time, which commons-logging 1.3 formats
 * before the level is checked (2 % of a hit's CPU, docs/performance.md, change 29). Anything else is
 * asked of the hierarchy itself.
 */
final class OneRoleHierarchy implements RoleHierarchy {

    /** Far more than the roles there are: a bound, should another kind of authority ever come by. */
    private static final int MAX_KEPT = 64;

    private final RoleHierarchy hierarchy;
    private final Map<String, List<GrantedAuthority>> reachable = new ConcurrentHashMap<>();

    OneRoleHierarchy(RoleHierarchy hierarchy) {
        this.hierarchy = hierarchy;
    }

    @Override
    public Collection<? extends GrantedAuthority> getReachableGrantedAuthorities(Collection<? extends GrantedAuthority> authorities) {
        if (authorities == null || authorities.size() != 1) {
            return hierarchy.getReachableGrantedAuthorities(authorities);
        }
        GrantedAuthority granted = authorities.iterator().next();
        String role = granted.getAuthority();
        if (role == null) {
            return hierarchy.getReachableGrantedAuthorities(authorities);
        }
        List<GrantedAuthority> kept = reachable.get(role);
        if (kept != null) {
            return kept;
        }
        List<GrantedAuthority> answer = List.copyOf(hierarchy.getReachableGrantedAuthorities(authorities));
        if (reachable.size() < MAX_KEPT) {
            reachable.putIfAbsent(role, answer);
        }
        return answer;
    }
}
