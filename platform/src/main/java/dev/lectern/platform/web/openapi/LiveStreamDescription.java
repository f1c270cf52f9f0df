package dev.lectern.platform.web.openapi;

import dev.lectern.events.EventCatalogue;
import dev.lectern.query.livestate.LiveEvent;
import io.swagger.v3.core.converter.AnnotatedType;
import io.swagger.v3.core.converter.ModelConverters;
import io.swagger.v3.core.converter.ResolvedSchema;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.Discriminator;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The messages of {@code GET /sessions/{sessionId}/stream} (text/event-stream, docs/live-state.md) as the schema
 * {@code SessionStreamMessage}: one of a message per SSE event name, discriminated by {@code event}. The names and
 * payloads come from {@link EventCatalogue} (each catalogued event's record is its payload's schema), so a new
 * event is described without touching this class; besides them the stream sends {@code state} first,
 * {@code poll.tally} instead of ballots, and {@code dropped} or {@code reauthenticate} last. Ballots
 * ({@link LiveEvent#BALLOTS}) are never sent and are listed as such.
 */
final class LiveStreamDescription {

    static final String MESSAGE = "SessionStreamMessage";
    static final String PREFIX = "SessionStream.";
    static final String EVENT_STREAM = org.springframework.http.MediaType.TEXT_EVENT_STREAM_VALUE;

    private LiveStreamDescription() {}

    static boolean isStream(Operation operation) {
        return operation.getResponses() != null
                && operation.getResponses().values().stream()
                        .anyMatch(r -> r.getContent() != null && r.getContent().containsKey(EVENT_STREAM));
    }

    static void describe(OpenAPI api) {
        Map<String, Schema<?>> messages = new TreeMap<>();
        messages.put(
                "state",
                message(
                        "state",
                        true,
                        "First message of a new stream: the class as this viewer may see it, the same document as "
                                + "GET /sessions/{sessionId}/state; its id is the log position it includes.",
                        Schemas.object().description("The state document (docs/live-state.md)")));
        for (Map.Entry<String, Class<?>> event : EventCatalogue.all().entrySet()) {
            if (LiveEvent.BALLOTS.contains(event.getKey())) {
                continue;
            }
            ResolvedSchema resolved = ModelConverters.getInstance(true)
                    .resolveAsResolvedSchema(new AnnotatedType(event.getValue()).resolveAsRef(true));
            if (resolved.referencedSchemas != null) {
                resolved.referencedSchemas.forEach((name, schema) -> {
                    if (api.getComponents().getSchemas() == null
                            || !api.getComponents().getSchemas().containsKey(name)) {
                        api.getComponents().addSchemas(name, schema);
                    }
                });
            }
            messages.put(event.getKey(), change(event.getKey(), resolved.schema));
        }
        messages.put(
                LiveEvent.TALLY,
                change(
                        LiveEvent.TALLY,
                        Schemas.object()
                                .description("A poll's running tally (sent instead of ballots; never who voted what)")
                                .addProperty("sessionId", Schemas.string().format("uuid"))
                                .addProperty("pollId", Schemas.string().format("uuid"))
                                .addProperty(
                                        "counts",
                                        Schemas.type("array")
                                                .items(Schemas.type("integer").format("int64")))
                                .addProperty("ballots", Schemas.type("integer").format("int64"))
                                .addProperty("showLiveResults", Schemas.type("boolean"))
                                .addProperty("status", Schemas.string())));
        messages.put(
                "dropped",
                message(
                        "dropped",
                        false,
                        "Last message to a reader that fell too far behind; reconnect with Last-Event-ID.",
                        Schemas.object()
                                .addProperty("reason", Schemas.string())
                                .addProperty(
                                        "resumeAfter",
                                        Schemas.type("integer")
                                                .format("int64")
                                                .description("The position to resume after"))
                                .required(List.of("reason", "resumeAfter"))));
        messages.put(
                "reauthenticate",
                message(
                        "reauthenticate",
                        false,
                        "Last message when the token that opened the stream expires; reconnect with a fresh token "
                                + "and Last-Event-ID: lastEventId (docs/adr/0016).",
                        Schemas.object()
                                .addProperty("reason", Schemas.constant("token_expired"))
                                .addProperty("expiredAt", Schemas.string().format("date-time"))
                                .addProperty(
                                        "lastEventId",
                                        Schemas.types("integer", "null")
                                                .format("int64")
                                                .description("The id of the last message this stream sent, if any"))
                                .required(List.of("reason", "expiredAt", "lastEventId"))));

        List<Schema> oneOf = new ArrayList<>();
        Discriminator discriminator = new Discriminator().propertyName("event");
        messages.forEach((name, schema) -> {
            api.getComponents().addSchemas(PREFIX + name, schema);
            oneOf.add(Schemas.ref(PREFIX + name));
            discriminator.mapping(name, Schemas.COMPONENTS + PREFIX + name);
        });
        Schema<Object> union = Schemas.object()
                .description("One Server-Sent Event of GET /sessions/{sessionId}/stream: `event:` is the name, `id:` "
                        + "the global log position (absent on dropped and reauthenticate), `data:` the JSON "
                        + "below. Comment lines (`: heartbeat`) keep the connection open. Events are shown as this "
                        + "viewer may see them (fields per audience: docs/live-state.md); ballots ("
                        + String.join(", ", LiveEvent.BALLOTS.stream().sorted().toList())
                        + ") are never sent, only poll.tally.")
                .oneOf(oneOf)
                .discriminator(discriminator);
        union.addExtension(
                "x-lectern-never-sent", LiveEvent.BALLOTS.stream().sorted().toList());
        api.getComponents().addSchemas(MESSAGE, union);

        api.getPaths()
                .values()
                .forEach(item -> LecternDocument.operations(item).values().stream()
                        .filter(LiveStreamDescription::isStream)
                        .forEach(operation -> operation.getResponses().values().forEach(response -> {
                            if (response.getContent() != null
                                    && response.getContent().containsKey(EVENT_STREAM)) {
                                describeResponse(response);
                            }
                        })));
        // springdoc's own reading of Flux<ServerSentEvent<String>>, replaced above: nothing refers to it any more.
        if (api.getComponents().getSchemas() != null) {
            api.getComponents().getSchemas().keySet().removeIf(name -> name.startsWith("ServerSentEvent"));
        }
    }

    private static void describeResponse(ApiResponse response) {
        response.description("Server-Sent Events: each message is a SessionStreamMessage (docs/live-state.md)");
        response.setContent(new Content().addMediaType(EVENT_STREAM, new MediaType().schema(Schemas.ref(MESSAGE))));
    }

    /** A catalogued change: {@code data} is the change with its position, name, time and the event as shown. */
    private static Schema<?> change(String name, Schema<?> payload) {
        return message(
                name,
                true,
                null,
                Schemas.object()
                        .addProperty("position", Schemas.type("integer").format("int64"))
                        .addProperty("name", Schemas.constant(name))
                        .addProperty("occurredAt", Schemas.string().format("date-time"))
                        .addProperty(
                                "payload",
                                Schemas.object()
                                        .allOf(List.of(payload))
                                        .description("The event's fields this viewer may see (docs/live-state.md)"))
                        .required(List.of("position", "name", "occurredAt", "payload")));
    }

    private static Schema<?> message(String name, boolean hasId, String description, Schema<?> data) {
        Schema<Object> message = Schemas.object()
                .addProperty("event", Schemas.constant(name))
                .addProperty("data", data)
                .required(List.of("event", "data"));
        if (hasId) {
            message.addProperty("id", Schemas.string().pattern("^[0-9]+$").description("The global log position"));
            message.setRequired(List.of("event", "id", "data"));
        }
        if (description != null) {
            message.setDescription(description);
        }
        return message;
    }
}
