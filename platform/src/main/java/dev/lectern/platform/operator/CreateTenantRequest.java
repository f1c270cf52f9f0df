package dev.lectern.platform.operator;

import dev.lectern.command.web.PlainText;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * Body of {@code POST /operator/tenants}: the new school's id (a tenant id such as {@code east-high}, the value
 * its people's tokens carry in the tenant claim), its name, and its first admin, whose {@code subject} is
 * exactly the {@code sub} of that person's tokens (for Keycloak, the user's id).
 */
record CreateTenantRequest(
        @NotBlank @Pattern(regexp = "[a-z0-9][a-z0-9-]{1,62}", message = "must be a tenant id such as east-high")
        String id,

        @NotBlank @PlainText(max = 200) String name,
        @NotNull @Valid FirstAdmin firstAdmin) {

    record FirstAdmin(
            @NotBlank
            @Size(max = 255)
            @Pattern(regexp = "[\\x21-\\x7E]+", message = "must be visible ASCII without spaces")
            String subject,

            @PlainText(max = 200) String displayName,
            @Email @Size(max = 254) String email) {}
}
