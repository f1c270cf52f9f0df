package dev.lectern.events.error;

/**
 * Every error a client can see. The {@code type} URI and title are stable: clients and operators
 * switch on them. HTTP status lives here so that a code means the same thing on every endpoint.
 */
public enum ErrorCode {
    VALIDATION_FAILED(400, "Request is not valid"),
    MALFORMED_REQUEST(400, "Request could not be read"),
    IDEMPOTENCY_KEY_REQUIRED(400, "Idempotency-Key header is required"),
    UNAUTHENTICATED(401, "Authentication required"),
    FORBIDDEN(403, "Not allowed"),
    NOT_ON_ROSTER(403, "Not on this class's roster"),
    NOT_IN_CLASS(403, "Not taking part in this class"),
    CHAT_MUTED(403, "Muted in this class's chat"),
    NOT_FOUND(404, "Resource not found"),
    SESSION_NOT_FOUND(404, "Session not found"),
    USER_NOT_FOUND(404, "User not found"),
    COURSE_NOT_FOUND(404, "Course not found"),
    LESSON_NOT_FOUND(404, "Lesson not found"),
    SCENE_NOT_FOUND(404, "Scene not found"),
    DECK_NOT_FOUND(404, "Slide deck or page not found"),
    CTA_NOT_SHOWN(404, "No call to action is shown"),
    MESSAGE_NOT_FOUND(404, "Chat message not found"),
    QUESTION_NOT_FOUND(404, "Question not found"),
    POLL_NOT_FOUND(404, "Poll not found"),
    PARTICIPANT_NOT_FOUND(404, "Not a participant of this class"),
    ELEMENT_NOT_FOUND(404, "Whiteboard element not found"),
    METHOD_NOT_ALLOWED(405, "Method not allowed"),
    NOT_ACCEPTABLE(406, "Representation not available"),
    ALREADY_EXISTS(409, "Resource already exists"),
    SESSION_STARTS_IN_PAST(409, "Session cannot start in the past"),
    SESSION_STARTS_TOO_LATE(400, "Session starts too far ahead"),
    CONCURRENT_MODIFICATION(409, "Conflicting concurrent change"),
    LAST_ADMIN(409, "A tenant must keep at least one admin"),
    PARTICIPANT_REVOKED(409, "Participant was removed from the class"),
    SESSION_NOT_LIVE(409, "Session is not live"),
    SESSION_ALREADY_LIVE(409, "Session is already live"),
    SESSION_ENDED(409, "Session has ended"),
    SESSION_CANCELLED(409, "Session was cancelled"),
    CHAT_DISABLED(409, "Chat is turned off in this class"),
    EXAM_MODE(409, "Exam mode is on"),
    QUESTION_CLOSED(409, "Question is no longer open"),
    ALREADY_UPVOTED(409, "Question already upvoted"),
    POLL_ALREADY_OPENED(409, "Poll was already opened"),
    POLL_NOT_OPEN(409, "Poll is not open"),
    POLL_NOT_CLOSED(409, "Poll is not closed"),
    POLL_RESULTS_ALREADY_PUBLISHED(409, "Poll results were already published"),
    ALREADY_VOTED(409, "Already voted in this poll"),
    VOTE_CHANGE_NOT_ALLOWED(409, "This poll does not allow changing a vote"),
    PRECONDITION_FAILED(412, "Precondition failed"),
    PAYLOAD_TOO_LARGE(413, "Request body too large"),
    URI_TOO_LONG(414, "Request URI too long"),
    UNSUPPORTED_MEDIA_TYPE(415, "Unsupported media type"),
    IDEMPOTENCY_KEY_REUSED(422, "Idempotency-Key was used with a different request"),
    CHAT_BLOCKED_WORD(422, "Message contains a word this class does not allow"),
    DOCUMENT_UNREADABLE(422, "Document could not be read"),
    DOCUMENT_TOO_LONG(422, "Document has too many pages"),
    RATE_LIMITED(429, "Too many requests"),
    HEADERS_TOO_LARGE(431, "Request headers too large"),
    INTERNAL(500, "Internal error"),
    DEPENDENCY_UNAVAILABLE(503, "A required service is unavailable"),
    QR_CODE_UNAVAILABLE(503, "QR code unavailable"),
    // One code per dependency, so that a client and an operator can tell which one failed (docs/adr/0017).
    EVENT_LOG_UNAVAILABLE(503, "The event log is unavailable"),
    STORAGE_UNAVAILABLE(503, "Object storage is unavailable"),
    LIVE_FANOUT_UNAVAILABLE(503, "Live fan-out is unavailable"),
    IDENTITY_UNAVAILABLE(503, "The identity provider is unavailable");

    private static final String TYPE_BASE = "https://lectern.dev/problems/";

    private final int status;
    private final String title;

    ErrorCode(int status, String title) {
        this.status = status;
        this.title = title;
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    /** Stable problem type URI, e.g. {@code https://lectern.dev/problems/session-not-found}. */
    public String type() {
        return TYPE_BASE + name().toLowerCase().replace('_', '-');
    }
}
