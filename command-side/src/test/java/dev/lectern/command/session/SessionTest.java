package dev.lectern.command.session;

import dev.lectern.events.error.DomainException;
import dev.lectern.events.error.ErrorCode;
import dev.lectern.events.identity.TenantId;
import dev.lectern.events.session.ScheduleSessionCommand;
import dev.lectern.events.session.SessionId;
import dev.lectern.events.session.SessionScheduledEvent;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import static dev.lectern.command.DomainExceptionMatcher.rejectedWith;

class SessionTest {

    private static final Instant NOW = Instant.parse("2026-11-22T09:00:00Z");
    private static final TenantId TENANT = new TenantId("north-high");

    private AggregateTestFixture<Session> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Session.class);
        fixture.registerInjectableResource(Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @Test
    void schedulingAClassRecordsItWithTheServerTimeAndTrimmedTitle() {
        SessionId id = SessionId.random();
        Instant startsAt = NOW.plusSeconds(3600);
        fixture.givenNoPriorActivity()
               .when(new ScheduleSessionCommand(id, TENANT, "  Algebra 1  ", startsAt, 45, true))
               .expectSuccessfulHandlerExecution()
               .expectEvents(new SessionScheduledEvent(id, TENANT, "Algebra 1", startsAt, 45, true, NOW));
    }

    @Test
    void aClassMayStartWithinTheGraceWindowBeforeNow() {
        SessionId id = SessionId.random();
        Instant startsAt = NOW.minus(Session.SCHEDULING_GRACE);
        fixture.givenNoPriorActivity()
               .when(new ScheduleSessionCommand(id, TENANT, "Now", startsAt, 30, false))
               .expectEvents(new SessionScheduledEvent(id, TENANT, "Now", startsAt, 30, false, NOW));
    }

    @Test
    void cannotScheduleAClassThatStartsInThePast() {
        SessionId id = SessionId.random();
        fixture.givenNoPriorActivity()
               .when(new ScheduleSessionCommand(id, TENANT, "Yesterday", NOW.minusSeconds(3600), 30, false))
               .expectNoEvents()
               .expectException(rejectedWith(ErrorCode.SESSION_STARTS_IN_PAST));
    }
}
