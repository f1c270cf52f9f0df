package dev.lectern.query.live;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One change of a class as live clients receive it: the event's public name, its global log position
 * (the SSE {@code id}), when it happened and its payload. {@code previous} is the class's position
 * before this event, so a stream can tell that it missed something and fetch it from the log. What a
 * viewer sees of the payload is decided by {@link #renderFor}; the rendering is kept per audience, so
 * a thousand students cost one serialisation.
 */
public final class LiveEvent {

    private final String tenantId;
    private final UUID sessionId;
    private final long position;
    private final long previous;
    private final String name;
    private final Instant occurredAt;
    private final JsonNode payload;
    private final Map<String, String> renderings = new ConcurrentHashMap<>(4);

    @JsonCreator
    public LiveEvent(@JsonProperty("tenantId") String tenantId, @JsonProperty("sessionId") UUID sessionId,
                     @JsonProperty("position") long position, @JsonProperty("previous") long previous,
                     @JsonProperty("name") String name, @JsonProperty("occurredAt") Instant occurredAt,
                     @JsonProperty("payload") JsonNode payload) {
        this.tenantId = tenantId;
        this.sessionId = sessionId;
        this.position = position;
        this.previous = previous;
        this.name = name;
        this.occurredAt = occurredAt;
        this.payload = payload;
    }

    @JsonProperty public String tenantId() { return tenantId; }
    @JsonProperty public UUID sessionId() { return sessionId; }
    @JsonProperty public long position() { return position; }
    @JsonProperty public long previous() { return previous; }
    @JsonProperty public String name() { return name; }
    @JsonProperty public Instant occurredAt() { return occurredAt; }
    @JsonProperty public JsonNode payload() { return payload; }

    /** Payload fields students keep, per event name; names not listed are shown whole. */
    private static final Map<String, Set<String>> STUDENT_FIELDS = Map.ofEntries(
            Map.entry("participant.revoked", Set.of("sessionId", "userId", "revokedAt")),
            Map.entry("permission.granted", Set.of("sessionId", "userId", "permission", "grantedAt")),
            Map.entry("permission.revoked", Set.of("sessionId", "userId", "permission", "revokedAt")),
            Map.entry("recording.finalized", Set.of("sessionId", "recordingId", "status", "durationSeconds", "finalizedAt")),
            Map.entry("chat.hidden", Set.of("sessionId", "messageId", "hiddenAt")),
            Map.entry("chat.deleted", Set.of("sessionId", "messageId", "deletedAt")),
            Map.entry("interaction.settings_changed", Set.of("sessionId", "chatEnabled", "slowModeSeconds",
                    "anonymousQuestions", "changedAt")),
            Map.entry("question.upvoted", Set.of("sessionId", "questionId", "upvotedAt")),
            Map.entry("question.dismissed", Set.of("sessionId", "questionId", "dismissedAt")),
            Map.entry("deck.added", Set.of("sessionId", "deckId", "title", "pageCount", "renderedPages", "pageTitles",
                    "addedAt")));

    /** Events about people, which public viewers do not get. */
    private static final Set<String> ABOUT_PEOPLE = Set.of(
            "participant.joined", "participant.left", "participant.revoked", "permission.granted", "permission.revoked",
            "participant.muted", "participant.unmuted", "chat.posted", "chat.hidden", "chat.deleted");

    /** Seen by staff and by the person concerned only. */
    private static final Set<String> STAFF_AND_SUBJECT = Set.of("participant.muted", "participant.unmuted");

    /** Ballots are never sent as such: the live-state projector turns them into coalesced {@code poll.tally} events. */
    public static final Set<String> BALLOTS = Set.of("poll.vote_cast", "poll.vote_changed");

    /** The synthetic event carrying a poll's running tally (payload: pollId, counts, ballots, showLiveResults, status). */
    public static final String TALLY = "poll.tally";

    /** A poll's running tally as a live event at {@code position}: counts and ballots, never who voted what. */
    static LiveEvent tally(String tenantId, UUID sessionId, ClassState.PollItem poll, long position, long previous,
                           Instant occurredAt, ObjectMapper json) {
        ObjectNode payload = json.createObjectNode();
        payload.put("sessionId", sessionId.toString());
        payload.put("pollId", poll.pollId.toString());
        payload.set("counts", json.valueToTree(poll.counts));
        payload.put("ballots", poll.ballots);
        payload.put("showLiveResults", poll.showLiveResults);
        payload.put("status", poll.status);
        return new LiveEvent(tenantId, sessionId, position, previous, TALLY, occurredAt, payload);
    }

    /** The user the event is about, if any (its {@code userId} field). */
    @JsonIgnore
    public UUID subjectUser() {
        JsonNode user = payload.get("userId");
        if (user == null || user.isNull()) {
            return null;
        }
        JsonNode value = user.isObject() ? user.get("value") : user;
        return value == null || value.isNull() ? null : UUID.fromString(value.asText());
    }

    /** The SSE data for {@code viewer}, or null when this viewer does not get this event at all. */
    public String renderFor(Viewer viewer, ObjectMapper json) {
        Viewer.Audience audience = viewer.audience();
        if (BALLOTS.contains(name) || (audience == Viewer.Audience.PUBLIC && ABOUT_PEOPLE.contains(name))) {
            return null;
        }
        boolean self = viewer.is(subjectUser());
        if (audience != Viewer.Audience.STAFF) {
            if (STAFF_AND_SUBJECT.contains(name) && !self) {
                return null;
            }
            if (TALLY.equals(name) && !payload.path("showLiveResults").asBoolean()
                    && !"published".equals(payload.path("status").asText())) {
                return null;
            }
        }
        String key = audience + (self ? "+self" : "");
        return renderings.computeIfAbsent(key, k -> render(audience, self, json));
    }

    private String render(Viewer.Audience audience, boolean self, ObjectMapper json) {
        JsonNode shown = payload;
        if (audience != Viewer.Audience.STAFF) {
            ObjectNode copy = payload.deepCopy();
            Set<String> keep = STUDENT_FIELDS.get(name);
            if (keep != null) {
                copy.retain(keep);
            }
            if ("participant.joined".equals(name) && !self) {
                copy.remove("subject");
            }
            if ("question.asked".equals(name) && copy.path("anonymous").asBoolean() && !self) {
                copy.remove("userId");
            }
            if ("poll.created".equals(name)) {
                copy.remove("correctOptions");
            }
            shown = copy;
        }
        ObjectNode data = json.createObjectNode();
        data.put("position", position);
        data.put("name", name);
        data.put("occurredAt", occurredAt.toString());
        data.set("payload", shown);
        try {
            return json.writeValueAsString(data);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("live event is not serialisable", e);
        }
    }
}
