package dev.lectern.events.studio;

import dev.lectern.events.session.SessionEvent;

/** The teaching studio of a class: the scene on air, layout, decks and slides, whiteboard, calls to action. */
public sealed interface StudioEvent extends SessionEvent
        permits SceneChangedEvent,
                LayoutChangedEvent,
                DeckAddedEvent,
                SlideChangedEvent,
                WhiteboardUpdatedEvent,
                CtaShownEvent,
                CtaHiddenEvent {}
