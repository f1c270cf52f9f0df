package dev.lectern.query.visibility;

/**
 * Who is reading, for the purpose of what they may see (docs/adr/0015). The first three are class
 * audiences (their class role); {@link #AUDITOR} reads the raw log as stored.
 */
public enum Audience {
    /** Teacher and assistants of the class (including an admin acting in it). */
    STAFF,
    /** A participant of the class. */
    STUDENT,
    /** A public viewer: the class, never the people in it. */
    PUBLIC,
    /** The school's auditors and admins reading the raw event log: payloads as stored. */
    AUDITOR
}
