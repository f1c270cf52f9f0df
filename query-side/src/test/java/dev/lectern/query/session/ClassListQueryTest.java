package dev.lectern.query.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lectern.events.error.RequestRejectedException;
import dev.lectern.query.session.SessionViewRepository.Cursor;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ClassListQueryTest {

    private static final UUID SESSION = UUID.fromString("3f1c7a52-6a0e-4a8e-9a43-2b1d4f5e6a7b");

    @Test
    void aCursorReadsBackAsTheStartAndIdItWasMadeOf() {
        Cursor cursor = new Cursor(Instant.parse("2027-01-10T09:00:00.123456Z"), SESSION);
        assertThat(ClassListQuery.cursor(ClassListQuery.encode(cursor))).isEqualTo(cursor);
    }

    @Test
    void statusesAreRepeatableOrCommaSeparatedAndCountOnce() {
        ClassListQuery query = ClassListQuery.parse(List.of("live,ended", "live"), null, null, null, null);
        assertThat(query.statuses()).containsExactly("live", "ended");
        assertThat(query.limit()).isEqualTo(100);
        assertThat(ClassListQuery.parse(null, null, null, null, null).statuses())
                .isEmpty();
    }

    @Test
    void theNextLinkKeepsTheFiltersAndNeedsNoEscaping() {
        ClassListQuery query =
                ClassListQuery.parse(List.of("scheduled"), "2027-01-01T00:00:00Z", "2027-02-01T00:00:00Z", null, "20");
        Cursor last = new Cursor(Instant.parse("2027-01-10T09:00:00Z"), SESSION);
        String next = query.next("/sessions", last);
        assertThat(next)
                .isEqualTo("/sessions?after=" + ClassListQuery.encode(last)
                        + "&limit=20&status=scheduled&from=2027-01-01T00:00:00Z&to=2027-02-01T00:00:00Z");
        assertThat(next).matches("[A-Za-z0-9/?&=_:.-]+");
    }

    @Test
    void eachRefusalNamesItsParameter() {
        assertRefused(() -> ClassListQuery.parse(List.of("Live"), null, null, null, null), "status");
        assertRefused(() -> ClassListQuery.parse(List.of("live,"), null, null, null, null), "status");
        assertRefused(
                () -> ClassListQuery.parse(null, "2027-01-02T00:00:00Z", "2027-01-01T00:00:00Z", null, null), "from");
        assertRefused(() -> ClassListQuery.parse(null, null, "+10000-01-01T00:00:00Z", null, null), "to");
        assertRefused(() -> ClassListQuery.parse(null, null, null, "bm9wZXxub3Bl", null), "after");
        assertRefused(() -> ClassListQuery.parse(null, null, null, "%%%", null), "after");
        assertRefused(() -> ClassListQuery.parse(null, null, null, null, "0"), "limit");
    }

    private static void assertRefused(Runnable parse, String parameter) {
        assertThatThrownBy(parse::run)
                .isInstanceOfSatisfying(
                        RequestRejectedException.class,
                        refused -> assertThat(refused.parameter()).contains(parameter));
    }
}
