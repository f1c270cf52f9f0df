package dev.lectern.events.scene;

import dev.lectern.events.LecternEvent;

/** Events of the Scene aggregate (one scene of a class: name and layout). Sealed so that the event catalogue is complete by construction. */
public sealed interface SceneEvent extends LecternEvent
        permits SceneCreatedEvent, SceneDeletedEvent, SceneUpdatedEvent {}
