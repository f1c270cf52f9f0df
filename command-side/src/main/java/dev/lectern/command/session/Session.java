package dev.lectern.command.session;

import dev.lectern.events.error.DomainException;
import dev.lectern.events.error.ErrorCode;
import dev.lectern.events.identity.TenantId;
import dev.lectern.events.session.ScheduleSessionCommand;
import dev.lectern.events.session.SessionId;
import dev.lectern.events.session.SessionScheduledEvent;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * One class session: its schedule now, its lifecycle (start, join, end) in the orchestrator issue.
 * The authority on what may happen to a class; every change is an event in session_state_events.
 */
@Aggregate
class Session {

    /** Clocks drift and forms take time to submit: a start this far in the past still counts as "now". */
    static final Duration SCHEDULING_GRACE = Duration.ofMinutes(5);

    @AggregateIdentifier
    private SessionId sessionId;
    private TenantId tenantId;
    private Status status;

    enum Status { SCHEDULED }

    Session() {
        // for Axon's event sourcing
    }

    @CommandHandler
    Session(ScheduleSessionCommand command, Clock clock) throws DomainException {
        Instant now = clock.instant();
        if (command.startsAt().isBefore(now.minus(SCHEDULING_GRACE))) {
            throw new DomainException(ErrorCode.SESSION_STARTS_IN_PAST,
                    "startsAt " + command.startsAt() + " is more than " + SCHEDULING_GRACE.toMinutes()
                            + " minutes before now (" + now + ")");
        }
        apply(new SessionScheduledEvent(command.sessionId(), command.tenantId(), command.title().strip(),
                command.startsAt(), command.durationMinutes(), command.recordingEnabled(), now));
    }

    @EventSourcingHandler
    void on(SessionScheduledEvent event) {
        this.sessionId = event.sessionId();
        this.tenantId = event.tenantId();
        this.status = Status.SCHEDULED;
    }
}
