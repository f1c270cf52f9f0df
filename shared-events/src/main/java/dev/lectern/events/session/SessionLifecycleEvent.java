package dev.lectern.events.session;

/** Scheduling, rescheduling, cancelling, going live and ending a class. */
public sealed interface SessionLifecycleEvent extends SessionEvent
        permits SessionScheduledEvent,
                SessionRescheduledEvent,
                SessionCancelledEvent,
                SessionStartedEvent,
                SessionEndedEvent {}
