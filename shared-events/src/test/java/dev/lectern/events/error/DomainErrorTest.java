package dev.lectern.events.error;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.axonframework.commandhandling.CommandExecutionException;
import org.junit.jupiter.api.Test;

class DomainErrorTest {

    @Test
    void aRefusalIsFoundWhereverItSitsInTheCauseChain() {
        DomainException refused = new DomainException(ErrorCode.RATE_LIMITED, "wait", Duration.ofSeconds(3));

        assertThat(DomainError.in(new IllegalStateException(new CommandExecutionException("x", refused))))
                .contains(new DomainError(ErrorCode.RATE_LIMITED, "wait", null, 3000L));
    }

    @Test
    void aRemoteRefusalIsReadFromTheDetailsAlone() {
        DomainError details = new DomainError(ErrorCode.SESSION_NOT_FOUND, "no such class", null, null);

        assertThat(DomainError.in(new CommandExecutionException("remote", null, details)))
                .contains(details);
    }

    @Test
    void anythingElseCarriesNoRefusal() {
        assertThat(DomainError.in(new CommandExecutionException("boom", new IllegalStateException())))
                .isEmpty();
        assertThat(DomainError.in(null)).isEmpty();
    }
}
