package dev.lectern.events.identity;

import dev.lectern.events.error.ErrorCode;
import dev.lectern.events.error.RequestRejectedException;

/**
 * Until authentication lands (identity issue) the tenant is an explicit request header on the few
 * unauthenticated foundation endpoints. Afterwards it comes from the token and this header is ignored.
 */
public final class TenantHeader {

    public static final String NAME = "Lectern-Tenant";

    private TenantHeader() {
    }

    public static TenantId require(String header) {
        if (header == null || header.isEmpty()) {
            throw new RequestRejectedException(ErrorCode.TENANT_REQUIRED, "Send the tenant in the " + NAME + " header");
        }
        if (!TenantId.isValid(header)) {
            throw new RequestRejectedException(ErrorCode.VALIDATION_FAILED,
                    NAME + " must be a lower-case slug of 2 to 63 letters, digits and dashes");
        }
        return new TenantId(header);
    }
}
