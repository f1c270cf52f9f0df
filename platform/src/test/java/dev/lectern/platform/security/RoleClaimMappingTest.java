package dev.lectern.platform.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lectern.events.identity.Role;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Roles from a claim: a dotted path, mapped values only, never admin unless mapped (docs/adr/0027). */
class RoleClaimMappingTest {

    private final RoleClaimMapping keycloak =
            new RoleClaimMapping("realm_access.roles", "lectern-teacher=teacher, lectern-student=student");

    @Test
    void mapsTheValuesOfADottedPathAndIgnoresTheRest() {
        Map<String, Object> claims =
                Map.of("realm_access", Map.of("roles", List.of("offline_access", "lectern-teacher", "admin", 7)));
        assertThat(keycloak.rolesFrom(claims)).contains(Set.of(Role.TEACHER));
        assertThat(keycloak.mappedRoles()).containsExactlyInAnyOrder(Role.TEACHER, Role.STUDENT);
    }

    @Test
    void aSingleStringCountsAndAnEmptyListMeansNoMappedRoles() {
        assertThat(keycloak.rolesFrom(Map.of("realm_access", Map.of("roles", "lectern-student"))))
                .contains(Set.of(Role.STUDENT));
        assertThat(keycloak.rolesFrom(Map.of("realm_access", Map.of("roles", List.of()))))
                .contains(Set.of());
    }

    @Test
    void anAbsentClaimIsNotAnEmptyOne() {
        assertThat(keycloak.rolesFrom(Map.of())).isEmpty();
        assertThat(keycloak.rolesFrom(Map.of("realm_access", "not an object"))).isEmpty();
        assertThat(new RoleClaimMapping(null, "a=teacher").rolesFrom(Map.of("a", "a")))
                .isEmpty();
    }

    @Test
    void adminOnlyWhenMappedExplicitly() {
        RoleClaimMapping groups = new RoleClaimMapping("groups", "/staff=teacher,/staff=assistant,/it=admin");
        assertThat(groups.rolesFrom(Map.of("groups", List.of("/staff", "admin"))))
                .contains(Set.of(Role.TEACHER, Role.ASSISTANT));
        assertThat(groups.rolesFrom(Map.of("groups", List.of("/it")))).contains(Set.of(Role.ADMIN));
    }

    @Test
    void aClaimWhoseNameHasDotsIsFoundByItsFullName() {
        RoleClaimMapping auth0 = new RoleClaimMapping("https://lectern.example/roles", "teacher=teacher");
        assertThat(auth0.rolesFrom(Map.of("https://lectern.example/roles", List.of("teacher"))))
                .isEqualTo(Optional.of(Set.of(Role.TEACHER)));
    }

    @Test
    void aMappingToAnUnknownRoleStopsTheStart() {
        assertThatThrownBy(() -> new RoleClaimMapping("groups", "x=superuser"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("x=superuser");
        assertThatThrownBy(() -> new RoleClaimMapping("groups", "=teacher")).isInstanceOf(IllegalStateException.class);
    }
}
