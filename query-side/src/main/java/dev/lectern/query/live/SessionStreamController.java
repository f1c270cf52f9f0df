package dev.lectern.query.live;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lectern.events.error.ErrorCode;
import dev.lectern.events.error.RequestRejectedException;
import dev.lectern.events.identity.Actor;
import dev.lectern.events.identity.TokenLifetime;
import dev.lectern.events.session.SessionId;
import dev.lectern.query.access.ClassAccess;
import dev.lectern.query.livestate.ClassState;
import dev.lectern.query.livestate.ClassStateView;
import dev.lectern.query.livestate.LiveEvent;
import dev.lectern.query.livestate.LiveFanout;
import dev.lectern.query.livestate.LiveStateStore;
import dev.lectern.query.livestate.SessionLog;
import dev.lectern.query.visibility.Viewer;
import dev.lectern.query.web.PathIds;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerResponse;

/**
 * {@code GET /sessions/{id}/stream}: a class live, as Server-Sent Events.
 *
 * <ul>
 *   <li>First a {@code state} event (the class as this viewer may see it; its {@code id} is the log
 *       position it includes), then one event per change, named by the event's public name, whose
 *       {@code id} is its global log position.</li>
 *   <li>{@code Last-Event-ID} (or {@code ?lastEventId=}) resumes exactly after that position: the missed
 *       events come from the log, then live ones; no state event, no gap, no duplicate. Works on any
 *       node and across restarts: the log is the source, the live feed is only a shortcut.</li>
 *   <li>A stream that sees a position jump (a missed live message, Redis down, a replay) reads the gap
 *       from the log; a heartbeat every {@code lectern.live.heartbeat} also checks the class's position,
 *       so a stream converges on the log even with no live feed at all.</li>
 *   <li>Access is the class-role rule of {@link ClassAccess}, checked on subscribe and resume; each
 *       event is shown as the viewer may see it (or not at all); a person removed from the class gets
 *       that event and the stream ends. A reader that falls too far behind gets a {@code dropped} event
 *       and the stream ends; it resumes from the log.</li>
 *   <li>A stream ends when the caller's token (or stream ticket, docs/adr/0024-browser-access.md) expires,
 *       with a {@code reauthenticate} event naming the position to resume from.</li>
 * </ul>
 */
@RestController
class SessionStreamController {

    private final ClassAccess access;
    private final LiveFanout fanout;
    private final SessionLog log;
    private final LiveStateStore states;
    private final StreamLimits limits;
    private final ObjectMapper json;
    private final Duration heartbeat;
    private final int buffer;

    SessionStreamController(
            ClassAccess access,
            LiveFanout fanout,
            SessionLog log,
            LiveStateStore states,
            StreamLimits limits,
            ObjectMapper json,
            @Value("${lectern.live.heartbeat:PT15S}") Duration heartbeat,
            @Value("${lectern.live.buffer:1024}") int buffer) {
        this.access = access;
        this.fanout = fanout;
        this.log = log;
        this.states = states;
        this.limits = limits;
        this.json = json;
        this.heartbeat = heartbeat;
        this.buffer = buffer;
    }

    @GetMapping(path = "/sessions/{sessionId}/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    Flux<ServerSentEvent<String>> stream(
            Actor actor,
            TokenLifetime token,
            @PathVariable String sessionId,
            @RequestHeader(name = "Last-Event-ID", required = false) String lastEventHeader,
            @RequestParam(name = "lastEventId", required = false) String lastEventParam,
            ServerHttpResponse response) {
        SessionId id = PathIds.session(sessionId);
        Long resumeAfter = resumePosition(lastEventHeader != null ? lastEventHeader : lastEventParam);
        Runnable release = limits.acquire(actor);
        String tenant = actor.tenantId().value();
        LiveFanout.Subscription live = fanout.subscribe(tenant, id.value(), buffer);
        return endWhenTokenExpires(
                        access.check(actor, id)
                                .flatMapMany(granted -> new Stream(tenant, id.value(), granted.viewer(), live)
                                        .run(granted.state(), resumeAfter)),
                        token,
                        resumeAfter)
                .doOnNext(sse -> closeConnectionAfterDrop(sse, response))
                .doFinally(signal -> {
                    live.close();
                    release.run();
                });
    }

    /**
     * A dropped reader is slow: its kernel buffers may be full, so the end of the response might never
     * be written and the socket would stay. After a short grace for the {@code dropped} event to get out,
     * the connection itself is closed (the client reconnects with Last-Event-ID).
     */
    private static void closeConnectionAfterDrop(ServerSentEvent<String> sse, ServerHttpResponse response) {
        if (!"dropped".equals(sse.event())) {
            return;
        }
        if (ServerHttpResponseDecorator.getNativeResponse(response) instanceof HttpServerResponse netty) {
            netty.withConnection(connection -> connection
                    .channel()
                    .eventLoop()
                    .schedule(() -> connection.channel().close(), 2, TimeUnit.SECONDS));
        }
    }

    /**
     * A stream lives no longer than the token that opened it: at its expiry the client gets a final
     * {@code reauthenticate} event, with the position to resume from (the id of the last event it was
     * sent), and the stream completes. The client reconnects with a fresh token and
     * {@code Last-Event-ID}; nothing is lost or repeated.
     */
    private static Flux<ServerSentEvent<String>> endWhenTokenExpires(
            Flux<ServerSentEvent<String>> events, TokenLifetime token, Long resumeAfter) {
        // Instant.now(), like the token validator's own clock: the stream ends when the token would be refused.
        Duration left = Duration.between(Instant.now(), token.expiresAt());
        AtomicBoolean expired = new AtomicBoolean();
        AtomicReference<String> lastSent = new AtomicReference<>(resumeAfter == null ? null : resumeAfter.toString());
        Mono<Long> expiry = Mono.delay(left.isNegative() ? Duration.ZERO : left).doOnNext(tick -> expired.set(true));
        return events.takeUntilOther(expiry)
                .doOnNext(sse -> {
                    if (sse.id() != null) {
                        lastSent.set(sse.id());
                    }
                })
                .concatWith(Flux.defer(() -> expired.get()
                        ? Flux.just(ServerSentEvent.<String>builder()
                                .event("reauthenticate")
                                .data(reauthenticate(token, lastSent.get()))
                                .build())
                        : Flux.empty()));
    }

    private static String reauthenticate(TokenLifetime token, String lastEventId) {
        return "{\"reason\":\"" + token.credential().expiredReason() + "\",\"expiredAt\":\"" + token.expiresAt()
                + "\",\"lastEventId\":"
                + (lastEventId == null ? "null" : lastEventId) + "}";
    }

    private static Long resumePosition(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            long position = Long.parseLong(text.trim());
            if (position < -1) {
                throw new NumberFormatException();
            }
            return position;
        } catch (NumberFormatException e) {
            throw new RequestRejectedException(
                    ErrorCode.VALIDATION_FAILED,
                    "Last-Event-ID must be a log position (a whole number) from this stream");
        }
    }

    /** One subscriber's stream: remembers the last position it emitted and never emits at or below it. */
    private final class Stream {

        private final String tenant;
        private final UUID sessionId;
        private final Viewer viewer;
        private final LiveFanout.Subscription live;
        private long last;
        private boolean ended;
        /** Chat messages seen deleted on this stream: their text is not sent again (a resume reads both). */
        private final java.util.Set<String> deleted = java.util.concurrent.ConcurrentHashMap.newKeySet();

        Stream(String tenant, UUID sessionId, Viewer viewer, LiveFanout.Subscription live) {
            this.tenant = tenant;
            this.sessionId = sessionId;
            this.viewer = viewer;
            this.live = live;
        }

        Flux<ServerSentEvent<String>> run(ClassState state, Long resumeAfter) {
            Flux<ServerSentEvent<String>> head;
            if (resumeAfter == null) {
                last = state.position;
                head = Flux.just(stateEvent(state));
            } else {
                last = resumeAfter;
                head = catchUp(state.position);
            }
            Flux<Object> signals = Flux.merge(live.events(), Flux.interval(heartbeat, heartbeat));
            Flux<ServerSentEvent<String>> tail =
                    signals.concatMap(signal -> signal instanceof LiveEvent event ? onLive(event) : onHeartbeat(), 1);
            return head.concatWith(tail)
                    .takeUntil(sse -> ended)
                    .onErrorResume(
                            LiveFanout.SlowConsumerException.class,
                            e -> Flux.just(ServerSentEvent.<String>builder()
                                    .event("dropped")
                                    .data("{\"reason\":\"slow reader\",\"resumeAfter\":" + last + "}")
                                    .build()));
        }

        private Flux<ServerSentEvent<String>> onLive(LiveEvent event) {
            if (event.position() <= last) {
                return Flux.empty();
            }
            if (event.previous() > last) {
                // Something between what we sent and this event did not arrive live: take it from the log.
                return withTallies(log.readLive(tenant, sessionId, last, event.position() - 1))
                        .concatWith(Flux.just(event))
                        .concatMap(this::emit);
            }
            return emit(event);
        }

        private Flux<ServerSentEvent<String>> onHeartbeat() {
            return states.position(tenant, sessionId)
                    .flatMapMany(position -> position > last ? catchUp(position) : Flux.empty())
                    .concatWith(Flux.just(ServerSentEvent.<String>builder()
                            .comment("heartbeat")
                            .build()));
        }

        private Flux<ServerSentEvent<String>> catchUp(long upTo) {
            return withTallies(log.readLive(tenant, sessionId, last, upTo)).concatMap(this::emit);
        }

        /**
         * Ballots read back from the log are not sent (nobody sees who voted what); if some were
         * skipped, each of their polls' running tally follows, from the live state, at the position of
         * the poll's last skipped ballot.
         */
        private Flux<LiveEvent> withTallies(Flux<LiveEvent> events) {
            java.util.Map<String, LiveEvent> skipped = new java.util.LinkedHashMap<>();
            return events.filter(e -> {
                        noteDeletion(e);
                        if (LiveEvent.BALLOTS.contains(e.name())) {
                            skipped.put(e.payload().path("pollId").asText(), e);
                            return false;
                        }
                        return true;
                    })
                    .concatWith(Flux.defer(() -> skipped.isEmpty()
                            ? Flux.empty()
                            : states.current(tenant, sessionId)
                                    .flatMapMany(state -> Flux.fromIterable(skipped.values())
                                            .mapNotNull(ballot -> tallyOf(state, ballot)))))
                    .sort(java.util.Comparator.comparingLong(LiveEvent::position));
        }

        private void noteDeletion(LiveEvent event) {
            if ("chat.deleted".equals(event.name())) {
                deleted.add(event.payload().path("messageId").asText());
            }
        }

        private LiveEvent tallyOf(ClassState state, LiveEvent ballot) {
            ClassState.PollItem poll =
                    state.polls.get(ballot.payload().path("pollId").asText());
            if (poll == null) {
                return null;
            }
            return LiveEvent.tally(
                    tenant, sessionId, poll, ballot.position(), ballot.previous(), ballot.occurredAt(), json);
        }

        private Flux<ServerSentEvent<String>> emit(LiveEvent event) {
            if (event.position() <= last) {
                return Flux.empty();
            }
            last = event.position();
            if ("participant.revoked".equals(event.name()) && viewer.is(event.subjectUser())) {
                ended = true;
            }
            noteDeletion(event);
            String data = event.renderFor(viewer, json, deleted);
            if (data == null) {
                return Flux.empty();
            }
            return Flux.just(ServerSentEvent.<String>builder()
                    .id(Long.toString(event.position()))
                    .event(event.name())
                    .data(data)
                    .build());
        }

        private ServerSentEvent<String> stateEvent(ClassState state) {
            try {
                return ServerSentEvent.<String>builder()
                        .id(Long.toString(state.position))
                        .event("state")
                        .retry(Duration.ofSeconds(2))
                        .data(json.writeValueAsString(ClassStateView.render(state, viewer, json)))
                        .build();
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("state is not serialisable", e);
            }
        }
    }
}
