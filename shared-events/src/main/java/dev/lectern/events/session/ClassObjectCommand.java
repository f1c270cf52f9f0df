package dev.lectern.events.session;

import dev.lectern.events.identity.Actor;

/**
 * A command to an object inside a class (a child aggregate: a question, a poll, a ballot, a scene, and whatever
 * comes next). It names the class the caller believes the object is in and who acts; the object compares that
 * with the class its created event recorded ({@link ClassScope}) and answers "not found" when they differ
 * (docs/adr/0014). A URL's class id proves nothing about an object id.
 */
public interface ClassObjectCommand {

    /** The class of the request (the URL's class id), not the object's own. */
    SessionId sessionId();

    Actor actor();
}
