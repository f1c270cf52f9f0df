package dev.lectern.command.identity;

import dev.lectern.command.web.PlainText;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * Body of {@code POST /admin/users}. There is deliberately no roles field: roles are granted one by
 * one (audited), and a "roles" member in the body is ignored.
 */
record CreateUserRequest(
        @NotBlank @Size(max = 255) @Pattern(regexp = "[\\x21-\\x7E]+", message = "must be visible ASCII without spaces")
        String subject,

        @NotBlank @PlainText(max = 200) String displayName,
        @Email @Size(max = 254) String email) {}
