package dev.lectern.platform.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lectern.events.error.DomainError;
import dev.lectern.events.error.DomainException;
import dev.lectern.events.identity.Actor;
import dev.lectern.events.identity.TenantId;
import dev.lectern.events.identity.UserId;
import dev.lectern.events.session.EndSessionCommand;
import dev.lectern.events.session.SessionId;
import dev.lectern.platform.support.PlatformIT;
import java.util.Set;
import java.util.UUID;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The application's command bus wraps every refusal for a distributed bus: the details carry the code
 * (docs/adr/0004-errors-problem-json.md), the cause is still the refusal, and nothing is appended.
 */
class CommandRefusalDetailsIT extends PlatformIT {

    @Autowired
    CommandGateway commands;

    @Autowired
    ObjectMapper json;

    @Test
    void aRefusedCommandLeavesTheBusWithItsErrorCodeInTheDetails() throws Exception {
        String tenant = newTenant();
        byte[] created = postSession(tenant, newKey(), scheduleBody("Physics"))
                .expectStatus()
                .isCreated()
                .expectBody()
                .returnResult()
                .getResponseBody();
        UUID session = UUID.fromString(json.readTree(created).get("sessionId").asText());
        Actor stranger = new Actor(TenantId.of(tenant), "nobody@" + tenant, UserId.random(), Set.of());

        Throwable refused =
                catchThrowable(() -> commands.sendAndWait(new EndSessionCommand(SessionId.of(session), stranger)));

        assertThat(refused).isInstanceOf(CommandExecutionException.class).hasCauseInstanceOf(DomainException.class);
        DomainException cause = (DomainException) refused.getCause();
        assertThat(((CommandExecutionException) refused).<DomainError>getDetails())
                .contains(new DomainError(cause.code(), cause.getMessage(), null, null));
        assertThat(eventCount(session)).isEqualTo(1);
    }
}
