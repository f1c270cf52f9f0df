package dev.lectern.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lectern.events.identity.TenantId;
import dev.lectern.events.session.SessionId;
import org.junit.jupiter.api.Test;

class IdentifierGrammarTest {

    @Test
    void tenantIdsAreLowerCaseSlugs() {
        assertThat(TenantId.isValid("north-high")).isTrue();
        assertThat(TenantId.isValid("a")).isFalse();
        assertThat(TenantId.isValid("North")).isFalse();
        assertThat(TenantId.isValid("-north")).isFalse();
        assertThat(TenantId.isValid("x".repeat(64))).isFalse();
        assertThat(TenantId.isValid("a'; drop table")).isFalse();
        assertThatThrownBy(() -> new TenantId("Bad Tenant")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void sessionIdsParseOnlyCanonicalUuids() {
        assertThat(SessionId.parse("3f1c7a52-6a0e-4a8e-9a43-2b1d4f5e6a7b")).isPresent();
        assertThat(SessionId.parse("3f1c7a52")).isEmpty();
        assertThat(SessionId.parse("3f1c7a526a0e4a8e9a432b1d4f5e6a7b")).isEmpty();
        assertThat(SessionId.parse("not-a-uuid-at-all-not-a-uuid-at-all!")).isEmpty();
        assertThat(SessionId.parse(null)).isEmpty();
    }
}
