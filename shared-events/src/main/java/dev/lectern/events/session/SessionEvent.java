package dev.lectern.events.session;

import dev.lectern.events.LecternEvent;

/** Events of the Session aggregate. Sealed so that the event catalogue is complete by construction. */
public sealed interface SessionEvent extends LecternEvent permits SessionScheduledEvent, SessionRescheduledEvent,
        SessionCancelledEvent, SessionStartedEvent, SessionEndedEvent, ParticipantJoinedEvent, ParticipantLeftEvent,
        SessionPermissionGrantedEvent, SessionPermissionRevokedEvent, ParticipantRevokedEvent, RecordingFinalizedEvent,
        SceneChangedEvent, LayoutChangedEvent, DeckAddedEvent, SlideChangedEvent, WhiteboardUpdatedEvent, CtaShownEvent, CtaHiddenEvent,
        ChatMessagePostedEvent, ChatMessageHiddenEvent, ChatMessageDeletedEvent, ParticipantMutedEvent, ParticipantUnmutedEvent, InteractionSettingsChangedEvent, ExamModeChangedEvent {
}
