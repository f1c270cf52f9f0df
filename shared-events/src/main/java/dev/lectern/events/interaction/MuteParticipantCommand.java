package dev.lectern.events.interaction;

import dev.lectern.events.identity.Actor;
import dev.lectern.events.identity.UserId;
import dev.lectern.events.session.SessionId;
import java.util.Objects;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Mute or unmute someone in the chat (teacher, admin or a moderator). */
public record MuteParticipantCommand(
        @TargetAggregateIdentifier SessionId sessionId, Actor actor, UserId userId, boolean mute, String reason) {

    public MuteParticipantCommand {
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(actor, "actor");
    }
}
