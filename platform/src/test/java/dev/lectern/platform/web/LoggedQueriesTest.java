package dev.lectern.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LoggedQueriesTest {

    @Test
    void everyTicketValueIsMaskedAndTheRestKept() {
        assertThat(LoggedQueries.masked("ticket=abc_DEF-123&lastEventId=42")).isEqualTo("ticket=***&lastEventId=42");
        assertThat(LoggedQueries.masked("from=0&TICKET=secret&x=1&ticket="))
                .isEqualTo("from=0&TICKET=***&x=1&ticket=***");
        assertThat(LoggedQueries.masked("noticket=kept")).isEqualTo("noticket=kept");
        assertThat(LoggedQueries.masked(null)).isNull();
    }
}
