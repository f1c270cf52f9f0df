package dev.lectern.events.interaction;

import dev.lectern.events.session.SessionEvent;

/** Chat, its moderation, the class's interaction settings and exam mode. */
public sealed interface InteractionEvent extends SessionEvent
        permits ChatMessagePostedEvent,
                ChatMessageHiddenEvent,
                ChatMessageDeletedEvent,
                ParticipantMutedEvent,
                ParticipantUnmutedEvent,
                InteractionSettingsChangedEvent,
                ExamModeChangedEvent {}
