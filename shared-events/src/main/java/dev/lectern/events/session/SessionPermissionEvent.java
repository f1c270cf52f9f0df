package dev.lectern.events.session;

/** Permissions given within a class, and removing someone from it. */
public sealed interface SessionPermissionEvent extends SessionEvent
        permits SessionPermissionGrantedEvent, SessionPermissionRevokedEvent, ParticipantRevokedEvent {}
