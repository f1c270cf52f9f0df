package dev.lectern.command.session;

import dev.lectern.events.identity.TenantId;
import dev.lectern.events.identity.UserId;
import dev.lectern.events.session.ScheduleSessionCommand;
import dev.lectern.events.session.SessionId;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.time.Instant;

/** Body of {@code POST /sessions}. Free text is length-limited and may not hold control characters. */
record ScheduleSessionRequest(
        @NotBlank @Size(max = ScheduleSessionCommand.MAX_TITLE_LENGTH)
        @Pattern(regexp = "[^\\p{Cntrl}]*", message = "must not contain control characters")
        String title,
        @NotNull Instant startsAt,
        @NotNull @Min(1) @Max(ScheduleSessionCommand.MAX_DURATION_MINUTES) Integer durationMinutes,
        Boolean recordingEnabled) {

    ScheduleSessionCommand toCommand(SessionId sessionId, TenantId tenantId, UserId scheduledBy) {
        return new ScheduleSessionCommand(sessionId, tenantId, title, startsAt, durationMinutes,
                Boolean.TRUE.equals(recordingEnabled), scheduledBy);
    }
}
