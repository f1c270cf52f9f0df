package dev.lectern.platform.security;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The identity provider (any OIDC provider: Keycloak, Auth0, Clerk...). {@code OIDC_ISSUER_URI} is
 * required outside the local profile; tokens must be RS256, carry that {@code iss}, the audience
 * {@code OIDC_AUDIENCE} in {@code aud}, {@code exp}, and the tenant in the claim {@code OIDC_TENANT_CLAIM}.
 *
 * @param issuerUri         the issuer; its discovery document gives the JWKS
 * @param jwkSetUri         optional: the JWKS location when the provider has no discovery document
 * @param audience          the {@code aud} value Lectern's tokens must carry
 * @param tenantClaim       the claim that names the tenant (a Lectern tenant id)
 * @param bootstrapAdmin    optional {@code tenant:subject}: on startup, create that tenant and make that subject its admin
 * @param jitProvisioning   {@code LECTERN_JIT_PROVISIONING}: a first sign-in of an unknown subject of an existing tenant
 *                          creates the user, with the roles mapped from {@code roleClaim} (docs/adr/0027)
 * @param roleClaim         {@code LECTERN_ROLE_CLAIM}: the claim (a dotted path such as {@code realm_access.roles})
 *                          whose values are mapped to Lectern roles; only read when JIT provisioning is on
 * @param roleMapping       {@code LECTERN_ROLE_MAPPING}: {@code claim-value=role,...}, e.g.
 *                          {@code lectern-teacher=teacher,lectern-student=student}
 */
@ConfigurationProperties("lectern.identity")
public record IdentityProperties(
        String issuerUri,
        String jwkSetUri,
        String audience,
        String tenantClaim,
        String bootstrapAdmin,
        boolean jitProvisioning,
        String roleClaim,
        String roleMapping) {

    public IdentityProperties {
        audience = blank(audience) ? "lectern" : audience;
        tenantClaim = blank(tenantClaim) ? "tenant" : tenantClaim;
        roleClaim = blank(roleClaim) ? null : roleClaim.strip();
        roleMapping = blank(roleMapping) ? "" : roleMapping;
    }

    boolean hasIssuer() {
        return !blank(issuerUri);
    }

    static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
