package dev.lectern.query.interaction;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lectern.events.error.ErrorCode;
import dev.lectern.events.error.RequestRejectedException;
import dev.lectern.events.identity.Actor;
import dev.lectern.events.interaction.ChatMessageDeletedEvent;
import dev.lectern.events.interaction.ChatMessageHiddenEvent;
import dev.lectern.events.interaction.ChatMessagePostedEvent;
import dev.lectern.events.interaction.MessageId;
import dev.lectern.query.access.ClassAccess;
import dev.lectern.query.livestate.ClassStateView;
import dev.lectern.query.livestate.LiveStateStore;
import dev.lectern.query.livestate.SessionLog;
import dev.lectern.query.visibility.Viewer;
import dev.lectern.query.web.PathIds;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * Reads of the interaction: {@code GET /sessions/{id}/questions} (the teacher's queue: open and answered
 * questions by votes, then by time; {@code ?all=true} adds resolved and dismissed) from the live state,
 * and {@code GET /sessions/{id}/chat?after=&limit=} (the chat history, paged by log position) from the
 * log. Both as this viewer may see them ({@link dev.lectern.query.visibility.StateVisibility}: hidden messages,
 * deleted text and anonymous authors stay hidden; public viewers get no chat).
 */
@RestController
class InteractionQueryController {

    private final ClassAccess access;
    private final SessionLog log;
    private final LiveStateStore states;
    private final ObjectMapper json;

    InteractionQueryController(ClassAccess access, SessionLog log, LiveStateStore states, ObjectMapper json) {
        this.access = access;
        this.log = log;
        this.states = states;
        this.json = json;
    }

    @GetMapping(path = "/sessions/{sessionId}/questions", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<List<JsonNode>> questions(
            Actor actor, @PathVariable String sessionId, @RequestParam(defaultValue = "false") boolean all) {
        var id = PathIds.session(sessionId);
        return access.check(actor, id).map(granted -> {
            ObjectNode view = ClassStateView.render(granted.state(), granted.viewer(), json);
            List<JsonNode> queue = new ArrayList<>();
            view.path("questions").forEach(q -> {
                String status = q.path("status").asText();
                if (all || "open".equals(status) || "answered".equals(status)) {
                    queue.add(q);
                }
            });
            queue.sort(Comparator.<JsonNode>comparingInt(q -> -q.path("upvotes").asInt())
                    .thenComparing(q -> q.path("askedAt").asText()));
            return queue;
        });
    }

    record ChatPage(List<ObjectNode> messages, long next) {}

    @GetMapping(path = "/sessions/{sessionId}/chat", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<ChatPage> chat(
            Actor actor,
            @PathVariable String sessionId,
            @RequestParam(defaultValue = "-1") long after,
            @RequestParam(defaultValue = "100") int limit) {
        if (limit < 1 || limit > 500 || after < -1) {
            throw new RequestRejectedException(ErrorCode.VALIDATION_FAILED, "limit must be 1..500 and after >= -1");
        }
        var id = PathIds.session(sessionId);
        return access.check(actor, id).flatMap(granted -> {
            String tenant = actor.tenantId().value();
            return states.position(tenant, id.value())
                    .flatMap(upTo -> log.read(tenant, id.value(), -1, upTo)
                            .filter(e -> e.name().startsWith("chat."))
                            .collectList())
                    .map(entries -> page(entries, after, limit, granted.viewer()));
        });
    }

    private ChatPage page(List<SessionLog.Entry> entries, long after, int limit, Viewer viewer) {
        Map<MessageId, ObjectNode> messages = new LinkedHashMap<>();
        Map<MessageId, Long> positions = new LinkedHashMap<>();
        for (SessionLog.Entry entry : entries) {
            if (entry.event() instanceof ChatMessagePostedEvent e) {
                ObjectNode m = json.createObjectNode();
                m.put("messageId", e.messageId().toString());
                m.put("userId", e.userId().value().toString());
                m.put("classRole", e.classRole());
                if (e.displayName() != null) {
                    m.put("displayName", e.displayName());
                }
                m.put("text", e.text());
                m.put("format", "text/plain");
                m.put("postedAt", e.postedAt().toString());
                m.put("position", entry.position());
                messages.put(e.messageId(), m);
                positions.put(e.messageId(), entry.position());
            } else if (entry.event() instanceof ChatMessageHiddenEvent e && messages.containsKey(e.messageId())) {
                messages.get(e.messageId()).put("hidden", true);
            } else if (entry.event() instanceof ChatMessageDeletedEvent e && messages.containsKey(e.messageId())) {
                ObjectNode m = messages.get(e.messageId());
                m.put("deleted", true);
                m.remove("text");
            }
        }
        List<ObjectNode> result = new ArrayList<>();
        long next = after;
        for (Map.Entry<MessageId, ObjectNode> entry : messages.entrySet()) {
            long position = positions.get(entry.getKey());
            if (position <= after) {
                continue;
            }
            next = position;
            ObjectNode m = ClassStateView.chatMessage(entry.getValue(), viewer);
            if (m == null) {
                continue;
            }
            result.add(m);
            if (result.size() == limit) {
                break;
            }
        }
        return new ChatPage(result, next);
    }
}
