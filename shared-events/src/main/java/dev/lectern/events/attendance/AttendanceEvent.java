package dev.lectern.events.attendance;

import dev.lectern.events.session.SessionEvent;

/** Who is in a class: joining and leaving, by request or as the media plane saw it. */
public sealed interface AttendanceEvent extends SessionEvent permits ParticipantJoinedEvent, ParticipantLeftEvent {}
