package dev.lectern.command.identity;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** Body of {@code POST /admin/tenant-domains}: a lower-case DNS name. */
record TenantDomainRequest(
        @NotBlank
        @Size(max = 253)
        @Pattern(
                regexp = "[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)+",
                message = "must be a lower-case domain name such as north-high.example.edu")
        String domain) {}
