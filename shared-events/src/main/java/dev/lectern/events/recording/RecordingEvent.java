package dev.lectern.events.recording;

import dev.lectern.events.session.SessionEvent;

/** The recording of a class: what the media plane reported once it was settled. */
public sealed interface RecordingEvent extends SessionEvent permits RecordingFinalizedEvent {}
