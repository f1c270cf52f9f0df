package dev.lectern.events.poll;

import dev.lectern.events.LecternEvent;

/** Events of the Ballot aggregate (one person's ballot in one poll). Sealed so that the event catalogue is complete by construction. */
public sealed interface BallotEvent extends LecternEvent permits VoteCastEvent, VoteChangedEvent {}
