package dev.llmcache.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Collection;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.security.access.hierarchicalroles.RoleHierarchy;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.AuthorityUtils;

/** The kept answers are the hierarchy's own, for one role and for anything else. */
class OneRoleHierarchyTests {

    private final RoleHierarchy library = SecurityConfiguration.roles();
    private final RoleHierarchy kept = SecurityConfiguration.roleHierarchy();

    @Test
    void eachRoleReachesWhatTheLibrarysHierarchySaysAskedOnceOrAgain() {
        for (String role : List.of("ROLE_ADMIN", "ROLE_WRITE", "ROLE_READ", "ROLE_ANONYMOUS", "ROLE_OTHER")) {
            List<GrantedAuthority> granted = AuthorityUtils.createAuthorityList(role);
            assertThat(roles(kept.getReachableGrantedAuthorities(granted))).as(role)
                    .containsExactlyInAnyOrderElementsOf(roles(library.getReachableGrantedAuthorities(granted)))
                    .isEqualTo(roles(kept.getReachableGrantedAuthorities(granted)));
        }
        assertThat(roles(kept.getReachableGrantedAuthorities(AuthorityUtils.createAuthorityList("ROLE_ADMIN"))))
                .containsExactlyInAnyOrder("ROLE_ADMIN", "ROLE_WRITE", "ROLE_READ");
    }

    @Test
    void noRoleOrSeveralAreAskedOfTheLibrary() {
        List<GrantedAuthority> two = AuthorityUtils.createAuthorityList("ROLE_READ", "ROLE_WRITE");

        assertThat(roles(kept.getReachableGrantedAuthorities(two)))
                .containsExactlyInAnyOrderElementsOf(roles(library.getReachableGrantedAuthorities(two)));
        assertThat(kept.getReachableGrantedAuthorities(List.of())).isEmpty();
    }

    private static List<String> roles(Collection<? extends GrantedAuthority> authorities) {
        return authorities.stream().map(GrantedAuthority::getAuthority).toList();
    }
}
