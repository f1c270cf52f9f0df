package dev.lectern.command.interaction;

import dev.lectern.command.idempotency.IdempotencyKey;
import dev.lectern.command.idempotency.IdempotentWrites;
import dev.lectern.command.web.CommandDispatcher;
import dev.lectern.command.web.PlainText;
import dev.lectern.command.web.SessionPaths;
import dev.lectern.command.web.SessionWrites;
import dev.lectern.events.identity.Actor;
import dev.lectern.events.identity.Capability;
import dev.lectern.events.identity.UserId;
import dev.lectern.events.interaction.ChangeInteractionSettingsCommand;
import dev.lectern.events.interaction.MessageId;
import dev.lectern.events.interaction.ModerateChatMessageCommand;
import dev.lectern.events.interaction.MuteParticipantCommand;
import dev.lectern.events.interaction.PostChatMessageCommand;
import dev.lectern.events.interaction.SetExamModeCommand;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * Interaction (seed 001): chat ({@code POST /sessions/{id}/chat}, hide, delete, mutes), the class's
 * interaction settings and exam mode. Chat rules are decided by the class (Session aggregate) at write time.
 * Questions have their own controller (QuestionController). A failure here is a 4xx for this request and never
 * touches the class itself (seed 004: interaction degrades gracefully).
 */
@RestController
class InteractionController {

    private final SessionWrites writes;
    private final CommandDispatcher commands;

    InteractionController(SessionWrites writes, CommandDispatcher commands) {
        this.writes = writes;
        this.commands = commands;
    }

    record ChatRequest(
            @NotNull @PlainText(min = 1, max = 1000, multiLine = true)
            String text) {}

    record ModerationRequest(
            @PlainText(max = 500, multiLine = true) String reason) {}

    record MuteRequest(
            @NotBlank String userId,
            boolean mute,
            @PlainText(max = 500, multiLine = true) String reason) {}

    record SettingsRequest(
            Boolean chatEnabled,
            @Min(0) @Max(3600) Integer slowModeSeconds,
            @Size(max = 200) List<@NotBlank @PlainText(max = 50) String> blockedWords,
            Boolean anonymousQuestions) {}

    record ExamModeRequest(@NotNull Boolean enabled) {}

    /** Chat messages are plain text, stored as given; {@code format} says so, so no client takes them for HTML. */
    record Posted(String sessionId, String messageId, String text, String format) {}

    record Changed(String sessionId, String id, boolean changed) {}

    /** The settings as asked, and whether they changed anything (false: already so, nothing appended). */
    record SettingsChanged(
            String sessionId,
            Boolean chatEnabled,
            Integer slowModeSeconds,
            List<String> blockedWords,
            Boolean anonymousQuestions,
            boolean changed) {}

    @PostMapping(
            path = "/sessions/{sessionId}/chat",
            consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<byte[]>> post(
            Actor actor, IdempotencyKey key, @PathVariable String sessionId, @Valid @RequestBody ChatRequest request) {
        MessageId message = MessageId.random();
        return writes.run(actor, key, Capability.JOIN_SESSION, "POST", sessionId, "/chat", request, (id, k) -> {
            commands.send(new PostChatMessageCommand(id, actor, message, request.text()), k);
            return new IdempotentWrites.Result(
                    201, null, new Posted(id.toString(), message.toString(), request.text(), "text/plain"));
        });
    }

    @PostMapping(path = "/sessions/{sessionId}/chat/{messageId}/hide", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<byte[]>> hide(
            Actor actor,
            IdempotencyKey key,
            @PathVariable String sessionId,
            @PathVariable String messageId,
            @Valid @RequestBody(required = false) ModerationRequest request) {
        return moderate(actor, key, sessionId, messageId, false, request, "hide");
    }

    @PostMapping(path = "/sessions/{sessionId}/chat/{messageId}/delete", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<byte[]>> delete(
            Actor actor,
            IdempotencyKey key,
            @PathVariable String sessionId,
            @PathVariable String messageId,
            @Valid @RequestBody(required = false) ModerationRequest request) {
        return moderate(actor, key, sessionId, messageId, true, request, "delete");
    }

    private Mono<ResponseEntity<byte[]>> moderate(
            Actor actor,
            IdempotencyKey key,
            String sessionId,
            String messageId,
            boolean delete,
            ModerationRequest request,
            String verb) {
        MessageId message = MessageId.of(SessionPaths.uuid("messageId", messageId));
        String reason = request == null ? null : blankToNull(request.reason());
        return writes.run(
                actor,
                key,
                Capability.JOIN_SESSION,
                "POST",
                sessionId,
                "/chat/" + message + "/" + verb,
                request,
                (id, k) -> {
                    Boolean changed =
                            commands.send(new ModerateChatMessageCommand(id, actor, message, delete, reason), k);
                    return new IdempotentWrites.Result(
                            200, null, new Changed(id.toString(), message.toString(), Boolean.TRUE.equals(changed)));
                });
    }

    @PostMapping(
            path = "/sessions/{sessionId}/mutes",
            consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<byte[]>> mute(
            Actor actor, IdempotencyKey key, @PathVariable String sessionId, @Valid @RequestBody MuteRequest request) {
        UserId user = new UserId(SessionPaths.uuid("userId", request.userId()));
        return writes.run(actor, key, Capability.JOIN_SESSION, "POST", sessionId, "/mutes", request, (id, k) -> {
            Boolean changed = commands.send(
                    new MuteParticipantCommand(id, actor, user, request.mute(), blankToNull(request.reason())), k);
            return new IdempotentWrites.Result(
                    200, null, new Changed(id.toString(), user.toString(), Boolean.TRUE.equals(changed)));
        });
    }

    @PutMapping(
            path = "/sessions/{sessionId}/interaction-settings",
            consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<byte[]>> settings(
            Actor actor,
            IdempotencyKey key,
            @PathVariable String sessionId,
            @Valid @RequestBody SettingsRequest request) {
        return writes.run(
                actor, key, Capability.RUN_SESSION, "PUT", sessionId, "/interaction-settings", request, (id, k) -> {
                    Boolean changed = commands.send(
                            new ChangeInteractionSettingsCommand(
                                    id,
                                    actor,
                                    request.chatEnabled(),
                                    request.slowModeSeconds(),
                                    request.blockedWords(),
                                    request.anonymousQuestions()),
                            k);
                    return new IdempotentWrites.Result(
                            200,
                            null,
                            new SettingsChanged(
                                    id.toString(),
                                    request.chatEnabled(),
                                    request.slowModeSeconds(),
                                    request.blockedWords(),
                                    request.anonymousQuestions(),
                                    Boolean.TRUE.equals(changed)));
                });
    }

    @PostMapping(
            path = "/sessions/{sessionId}/exam-mode",
            consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<byte[]>> examMode(
            Actor actor,
            IdempotencyKey key,
            @PathVariable String sessionId,
            @Valid @RequestBody ExamModeRequest request) {
        return writes.run(actor, key, Capability.RUN_SESSION, "POST", sessionId, "/exam-mode", request, (id, k) -> {
            Boolean changed = commands.send(new SetExamModeCommand(id, actor, request.enabled()), k);
            return new IdempotentWrites.Result(
                    200, null, new Changed(id.toString(), "exam-mode", Boolean.TRUE.equals(changed)));
        });
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
