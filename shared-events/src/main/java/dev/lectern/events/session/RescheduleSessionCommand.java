package dev.lectern.events.session;

import dev.lectern.events.identity.Actor;
import java.time.Instant;
import java.util.Objects;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Move a scheduled class on behalf of {@code actor}; a null {@code title} keeps the current one. */
public record RescheduleSessionCommand(
        @TargetAggregateIdentifier SessionId sessionId,
        Actor actor,
        String title,
        Instant startsAt,
        int durationMinutes) {

    public RescheduleSessionCommand {
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(startsAt, "startsAt");
        if (title != null && (title.isBlank() || title.length() > ScheduleSessionCommand.MAX_TITLE_LENGTH)) {
            throw new IllegalArgumentException(
                    "title must be 1.." + ScheduleSessionCommand.MAX_TITLE_LENGTH + " characters");
        }
        if (durationMinutes < 1 || durationMinutes > ScheduleSessionCommand.MAX_DURATION_MINUTES) {
            throw new IllegalArgumentException(
                    "durationMinutes must be 1.." + ScheduleSessionCommand.MAX_DURATION_MINUTES);
        }
    }
}
