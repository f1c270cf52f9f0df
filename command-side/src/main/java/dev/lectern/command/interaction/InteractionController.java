package dev.lectern.command.interaction;

import dev.lectern.command.web.PlainText;
import dev.lectern.command.idempotency.IdempotencyKey;
import dev.lectern.command.idempotency.IdempotentWrites;
import dev.lectern.command.web.SessionPaths;
import dev.lectern.command.web.CommandDispatcher;
import dev.lectern.command.web.SessionWrites;
import dev.lectern.events.error.ErrorCode;
import dev.lectern.events.error.RequestRejectedException;
import dev.lectern.events.identity.Actor;
import dev.lectern.events.identity.Capability;
import dev.lectern.events.identity.UserId;
import dev.lectern.events.question.AnswerQuestionCommand;
import dev.lectern.events.question.DismissQuestionCommand;
import dev.lectern.events.question.ResolveQuestionCommand;
import dev.lectern.events.question.UpvoteQuestionCommand;
import dev.lectern.events.question.AskQuestionCommand;
import dev.lectern.events.session.AuthorizeModerationCommand;
import dev.lectern.events.session.AuthorizeParticipationCommand;
import dev.lectern.events.interaction.ChangeInteractionSettingsCommand;
import dev.lectern.events.interaction.ModerateChatMessageCommand;
import dev.lectern.events.interaction.MuteParticipantCommand;
import dev.lectern.events.interaction.PostChatMessageCommand;
import dev.lectern.events.session.SessionId;
import dev.lectern.events.interaction.SetExamModeCommand;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

import java.util.List;
import java.util.UUID;

/**
 * Interaction (seed 001): chat ({@code POST /sessions/{id}/chat}, hide, delete, mutes), the class's
 * interaction settings and exam mode, and Q&A ({@code POST /sessions/{id}/questions}, upvote, answer,
 * resolve, dismiss). Chat rules are decided by the class (Session aggregate) at write time; questions
 * are their own aggregates, created by the class. A failure here is a 4xx for this request and never
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

    record ChatRequest(@NotNull @PlainText(min = 1, max = 1000, multiLine = true) String text) {
    }

    record ModerationRequest(@PlainText(max = 500, multiLine = true) String reason) {
    }

    record MuteRequest(@NotBlank String userId, boolean mute,
                       @PlainText(max = 500, multiLine = true) String reason) {
    }

    record SettingsRequest(Boolean chatEnabled, @Min(0) @Max(3600) Integer slowModeSeconds,
                           @Size(max = 200) List<@NotBlank @PlainText(max = 50) String> blockedWords, Boolean anonymousQuestions) {
    }

    record ExamModeRequest(@NotNull Boolean enabled) {
    }

    record QuestionRequest(@NotNull @PlainText(min = 1, max = 1000, multiLine = true) String text, boolean anonymous) {
    }

    record AnswerRequest(@PlainText(min = 1, max = 4000, multiLine = true) String text, boolean live) {
    }

    /** Chat messages are plain text, stored as given; {@code format} says so, so no client takes them for HTML. */
    record Posted(String sessionId, String messageId, String text, String format) {
    }

    record Changed(String sessionId, String id, boolean changed) {
    }

    /** The settings as asked, and whether they changed anything (false: already so, nothing appended). */
    record SettingsChanged(String sessionId, Boolean chatEnabled, Integer slowModeSeconds, List<String> blockedWords,
                           Boolean anonymousQuestions, boolean changed) {
    }

    @PostMapping(path = "/sessions/{sessionId}/chat", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<byte[]>> post(Actor actor, @RequestHeader(name = IdempotencyKey.HEADER, required = false) String key,
                                      @PathVariable String sessionId, @Valid @RequestBody ChatRequest request) {
        UUID message = UUID.randomUUID();
        return writes.run(actor, key, Capability.JOIN_SESSION, "POST", sessionId, "/chat", request, (id, k) -> {
            commands.send(new PostChatMessageCommand(id, actor, message, request.text()), k);
            return new IdempotentWrites.Result(201, null, new Posted(id.toString(), message.toString(), request.text(),
                    "text/plain"));
        });
    }

    @PostMapping(path = "/sessions/{sessionId}/chat/{messageId}/hide", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<byte[]>> hide(Actor actor, @RequestHeader(name = IdempotencyKey.HEADER, required = false) String key,
                                      @PathVariable String sessionId, @PathVariable String messageId,
                                      @Valid @RequestBody(required = false) ModerationRequest request) {
        return moderate(actor, key, sessionId, messageId, false, request, "hide");
    }

    @PostMapping(path = "/sessions/{sessionId}/chat/{messageId}/delete", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<byte[]>> delete(Actor actor, @RequestHeader(name = IdempotencyKey.HEADER, required = false) String key,
                                        @PathVariable String sessionId, @PathVariable String messageId,
                                        @Valid @RequestBody(required = false) ModerationRequest request) {
        return moderate(actor, key, sessionId, messageId, true, request, "delete");
    }

    private Mono<ResponseEntity<byte[]>> moderate(Actor actor, String key, String sessionId, String messageId, boolean delete,
                                                  ModerationRequest request, String verb) {
        UUID message = SessionPaths.uuid("messageId", messageId);
        String reason = request == null ? null : blankToNull(request.reason());
        return writes.run(actor, key, Capability.JOIN_SESSION, "POST", sessionId, "/chat/" + message + "/" + verb, request,
                (id, k) -> {
                    Boolean changed = commands.send(new ModerateChatMessageCommand(id, actor, message, delete, reason), k);
                    return new IdempotentWrites.Result(200, null, new Changed(id.toString(), message.toString(),
                            Boolean.TRUE.equals(changed)));
                });
    }

    @PostMapping(path = "/sessions/{sessionId}/mutes", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<byte[]>> mute(Actor actor, @RequestHeader(name = IdempotencyKey.HEADER, required = false) String key,
                                      @PathVariable String sessionId, @Valid @RequestBody MuteRequest request) {
        UserId user = new UserId(SessionPaths.uuid("userId", request.userId()));
        return writes.run(actor, key, Capability.JOIN_SESSION, "POST", sessionId, "/mutes", request, (id, k) -> {
            Boolean changed = commands.send(new MuteParticipantCommand(id, actor, user, request.mute(),
                    blankToNull(request.reason())), k);
            return new IdempotentWrites.Result(200, null, new Changed(id.toString(), user.toString(), Boolean.TRUE.equals(changed)));
        });
    }

    @PutMapping(path = "/sessions/{sessionId}/interaction-settings", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<byte[]>> settings(Actor actor, @RequestHeader(name = IdempotencyKey.HEADER, required = false) String key,
                                          @PathVariable String sessionId, @Valid @RequestBody SettingsRequest request) {
        return writes.run(actor, key, Capability.RUN_SESSION, "PUT", sessionId, "/interaction-settings", request, (id, k) -> {
            Boolean changed = commands.send(new ChangeInteractionSettingsCommand(id, actor, request.chatEnabled(),
                    request.slowModeSeconds(), request.blockedWords(), request.anonymousQuestions()), k);
            return new IdempotentWrites.Result(200, null, new SettingsChanged(id.toString(), request.chatEnabled(),
                    request.slowModeSeconds(), request.blockedWords(), request.anonymousQuestions(),
                    Boolean.TRUE.equals(changed)));
        });
    }

    @PostMapping(path = "/sessions/{sessionId}/exam-mode", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<byte[]>> examMode(Actor actor, @RequestHeader(name = IdempotencyKey.HEADER, required = false) String key,
                                          @PathVariable String sessionId, @Valid @RequestBody ExamModeRequest request) {
        return writes.run(actor, key, Capability.RUN_SESSION, "POST", sessionId, "/exam-mode", request, (id, k) -> {
            Boolean changed = commands.send(new SetExamModeCommand(id, actor, request.enabled()), k);
            return new IdempotentWrites.Result(200, null, new Changed(id.toString(), "exam-mode", Boolean.TRUE.equals(changed)));
        });
    }

    @PostMapping(path = "/sessions/{sessionId}/questions", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<byte[]>> ask(Actor actor, @RequestHeader(name = IdempotencyKey.HEADER, required = false) String key,
                                     @PathVariable String sessionId, @Valid @RequestBody QuestionRequest request) {
        UUID question = UUID.randomUUID();
        return writes.run(actor, key, Capability.JOIN_SESSION, "POST", sessionId, "/questions", request, (id, k) -> {
            commands.send(new AskQuestionCommand(id, actor, question, request.text(), request.anonymous()), k);
            return new IdempotentWrites.Result(201, "/sessions/" + id + "/questions/" + question,
                    new Changed(id.toString(), question.toString(), true));
        });
    }

    /** Upvote: the class checks that the voter takes part; the question checks one vote per person. */
    @PostMapping(path = "/sessions/{sessionId}/questions/{questionId}/upvote", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<byte[]>> upvote(Actor actor, @RequestHeader(name = IdempotencyKey.HEADER, required = false) String key,
                                        @PathVariable String sessionId, @PathVariable String questionId) {
        return onQuestion(actor, key, sessionId, questionId, "upvote", null, false,
                (id, question) -> new UpvoteQuestionCommand(question, id, actor));
    }

    @PostMapping(path = "/sessions/{sessionId}/questions/{questionId}/answer", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<byte[]>> answer(Actor actor, @RequestHeader(name = IdempotencyKey.HEADER, required = false) String key,
                                        @PathVariable String sessionId, @PathVariable String questionId,
                                        @Valid @RequestBody AnswerRequest request) {
        return onQuestion(actor, key, sessionId, questionId, "answer", request, true,
                (id, question) -> new AnswerQuestionCommand(question, id, actor, request.text(), request.live()));
    }

    @PostMapping(path = "/sessions/{sessionId}/questions/{questionId}/resolve", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<byte[]>> resolve(Actor actor, @RequestHeader(name = IdempotencyKey.HEADER, required = false) String key,
                                         @PathVariable String sessionId, @PathVariable String questionId) {
        return onQuestion(actor, key, sessionId, questionId, "resolve", null, true,
                (id, question) -> new ResolveQuestionCommand(question, id, actor));
    }

    @PostMapping(path = "/sessions/{sessionId}/questions/{questionId}/dismiss", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<byte[]>> dismiss(Actor actor, @RequestHeader(name = IdempotencyKey.HEADER, required = false) String key,
                                         @PathVariable String sessionId, @PathVariable String questionId,
                                         @Valid @RequestBody(required = false) ModerationRequest request) {
        String reason = request == null ? null : blankToNull(request.reason());
        return onQuestion(actor, key, sessionId, questionId, "dismiss", request, true,
                (id, question) -> new DismissQuestionCommand(question, id, actor, reason));
    }

    private Mono<ResponseEntity<byte[]>> onQuestion(Actor actor, String key, String sessionId, String questionId, String verb,
                                                    Object request, boolean moderation,
                                                    java.util.function.BiFunction<SessionId, UUID, Object> command) {
        UUID question = SessionPaths.uuid("questionId", questionId);
        return writes.run(actor, key, Capability.JOIN_SESSION, "POST", sessionId, "/questions/" + question + "/" + verb,
                request, (id, k) -> {
                    commands.send(moderation ? new AuthorizeModerationCommand(id, actor)
                            : new AuthorizeParticipationCommand(id, actor), k);
                    try {
                        commands.send(command.apply(id, question), k);
                    } catch (AggregateNotFoundException e) {
                        throw new RequestRejectedException(ErrorCode.QUESTION_NOT_FOUND, "No question " + question);
                    }
                    return new IdempotentWrites.Result(200, null, new Changed(id.toString(), question.toString(), true));
                });
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
