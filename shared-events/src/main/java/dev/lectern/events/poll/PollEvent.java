package dev.lectern.events.poll;

import dev.lectern.events.LecternEvent;

/** Events of the Poll aggregate (one poll of a class: its definition and lifecycle). Sealed so that the event catalogue is complete by construction. */
public sealed interface PollEvent extends LecternEvent
        permits PollClosedEvent, PollCreatedEvent, PollOpenedEvent, PollResultsPublishedEvent {}
