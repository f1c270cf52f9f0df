package dev.lectern.query.projection;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StorableTextTest {

    private final ObjectMapper json = new ObjectMapper();

    private void check(Object value) {
        StorableText.check(json.valueToTree(value));
    }

    @Test
    void aNulAnywhereIsRefusedNamingTheFieldButNotTheContent() {
        assertThatThrownBy(() -> check(Map.of("ops", List.of(Map.of("text", "secret\u0000word")))))
                .isInstanceOf(UnstorableEventException.class)
                .hasMessageContaining("/ops/0/text")
                .hasMessageContaining("U+0000")
                .hasMessageNotContaining("secret");
    }

    @Test
    void unpairedSurrogatesAreRefusedAndPairsAreFine() {
        assertThatThrownBy(() -> check(Map.of("text", "a\uD800b")))
                .isInstanceOf(UnstorableEventException.class)
                .hasMessageContaining("unpaired surrogate");
        assertThatThrownBy(() -> check(Map.of("text", "end\uD800"))).isInstanceOf(UnstorableEventException.class);
        assertThatThrownBy(() -> check(Map.of("text", "\uDC00start"))).isInstanceOf(UnstorableEventException.class);
        assertThatCode(() -> check(Map.of("text", "emoji \uD83D\uDE00 ok\ttab\nline")))
                .doesNotThrowAnyException();
    }

    @Test
    void fieldNamesAreCheckedToo() {
        assertThatThrownBy(() -> check(Map.of("counts", Map.of("k\u0000", 1))))
                .isInstanceOf(UnstorableEventException.class)
                .hasMessageContaining("/counts");
    }

    @Test
    void instantsOutsidePostgresTimestampsAreRefused() {
        assertThatThrownBy(() -> StorableText.checkTimestamp(Instant.parse("+300000-01-01T00:00:00Z"), "startsAt"))
                .isInstanceOf(UnstorableEventException.class)
                .hasMessageContaining("startsAt");
        assertThatThrownBy(() -> StorableText.checkTimestamp(Instant.MAX, "startsAt"))
                .isInstanceOf(UnstorableEventException.class);
        assertThatCode(() -> StorableText.checkTimestamp(Instant.parse("2027-01-10T09:00:00Z"), "startsAt"))
                .doesNotThrowAnyException();
        assertThatCode(() -> StorableText.checkTimestamp(null, "startsAt")).doesNotThrowAnyException();
    }
}
