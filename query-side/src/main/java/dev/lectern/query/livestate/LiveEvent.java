package dev.lectern.query.livestate;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lectern.query.visibility.Audience;
import dev.lectern.query.visibility.EventVisibility;
import dev.lectern.query.visibility.Viewer;
import dev.lectern.query.visibility.When;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One change of a class as live clients receive it: the event's public name, its global log position
 * (the SSE {@code id}), when it happened and its payload. {@code previous} is the class's position
 * before this event, so a stream can tell that it missed something and fetch it from the log. What a
 * viewer sees of the payload is declared in {@link EventVisibility}; the rendering is kept per audience, so
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
    public LiveEvent(
            @JsonProperty("tenantId") String tenantId,
            @JsonProperty("sessionId") UUID sessionId,
            @JsonProperty("position") long position,
            @JsonProperty("previous") long previous,
            @JsonProperty("name") String name,
            @JsonProperty("occurredAt") Instant occurredAt,
            @JsonProperty("payload") JsonNode payload) {
        this.tenantId = tenantId;
        this.sessionId = sessionId;
        this.position = position;
        this.previous = previous;
        this.name = name;
        this.occurredAt = occurredAt;
        this.payload = payload;
    }

    @JsonProperty
    public String tenantId() {
        return tenantId;
    }

    @JsonProperty
    public UUID sessionId() {
        return sessionId;
    }

    @JsonProperty
    public long position() {
        return position;
    }

    @JsonProperty
    public long previous() {
        return previous;
    }

    @JsonProperty
    public String name() {
        return name;
    }

    @JsonProperty
    public Instant occurredAt() {
        return occurredAt;
    }

    @JsonProperty
    public JsonNode payload() {
        return payload;
    }

    /** Ballots are never sent as such: the live-state projector turns them into coalesced {@code poll.tally} events. */
    public static final Set<String> BALLOTS = Set.of("poll.vote_cast", "poll.vote_changed");

    /** The synthetic event carrying a poll's running tally (payload: pollId, counts, ballots, showLiveResults, status). */
    public static final String TALLY = EventVisibility.TALLY;

    /** A poll's running tally as a live event at {@code position}: counts and ballots, never who voted what. */
    public static LiveEvent tally(
            String tenantId,
            UUID sessionId,
            ClassState.PollItem poll,
            long position,
            long previous,
            Instant occurredAt,
            ObjectMapper json) {
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
        return renderFor(viewer, json, Set.of());
    }

    /**
     * The SSE data for {@code viewer} as {@link EventVisibility} allows, or null when this viewer does not
     * get this event. {@code deletedMessages}: chat messages known to be deleted (a resumed stream reads a
     * message and its deletion from the log together; the text is not sent again).
     */
    public String renderFor(Viewer viewer, ObjectMapper json, Set<String> deletedMessages) {
        Audience audience = viewer.audience();
        boolean self = viewer.is(subjectUser());
        boolean deleted = deletedMessages.contains(payload.path("messageId").asText());
        String key = audience + (self ? "+self" : "") + (deleted ? "+deleted" : "");
        String rendered = renderings.computeIfAbsent(key, k -> render(audience, viewer.context(deletedMessages), json));
        return rendered.isEmpty() ? null : rendered;
    }

    /** The rendering, or "" when not shown (a concurrent map holds no nulls). */
    private String render(Audience audience, When.Context context, ObjectMapper json) {
        JsonNode shown =
                EventVisibility.payload(name, payload, audience, context).orElse(null);
        if (shown == null) {
            return "";
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
