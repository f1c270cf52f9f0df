package dev.lectern.events.question;

import dev.lectern.events.LecternEvent;

/** Events of the Question aggregate (one question in a class's Q&A). Sealed so that the event catalogue is complete by construction. */
public sealed interface QuestionEvent extends LecternEvent
        permits QuestionAnsweredEvent,
                QuestionAskedEvent,
                QuestionDismissedEvent,
                QuestionResolvedEvent,
                QuestionUpvotedEvent {}
