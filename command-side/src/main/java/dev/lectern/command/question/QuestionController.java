package dev.lectern.command.question;

import dev.lectern.command.idempotency.IdempotencyKey;
import dev.lectern.command.idempotency.IdempotentWrites;
import dev.lectern.command.web.PlainText;
import dev.lectern.command.web.SessionPaths;
import dev.lectern.command.web.SessionWrites;
import dev.lectern.events.identity.Actor;
import dev.lectern.events.identity.Capability;
import dev.lectern.events.question.QuestionId;
import dev.lectern.events.session.SessionId;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * Q&amp;A (seed 001): {@code POST /sessions/{id}/questions}, upvote, answer, resolve, dismiss. HTTP only: who may do
 * what to a question is {@link Questions}' and the aggregates'. A failure here is a 4xx for this request and
 * never touches the class itself (seed 004: interaction degrades gracefully).
 */
@RestController
class QuestionController {

    private final SessionWrites writes;
    private final Questions questions;

    QuestionController(SessionWrites writes, Questions questions) {
        this.writes = writes;
        this.questions = questions;
    }

    record QuestionRequest(
            @NotNull @PlainText(min = 1, max = 1000, multiLine = true)
            String text,

            boolean anonymous) {}

    record AnswerRequest(
            @PlainText(min = 1, max = 4000, multiLine = true)
            String text,

            boolean live) {}

    record ModerationRequest(
            @PlainText(max = 500, multiLine = true) String reason) {}

    record Changed(String sessionId, String id, boolean changed) {}

    /** What a question endpoint does once the class id and the question id are parsed, inside the transaction. */
    @FunctionalInterface
    private interface OnQuestion {
        void run(SessionId session, QuestionId question, IdempotencyKey key) throws Exception;
    }

    @PostMapping(
            path = "/sessions/{sessionId}/questions",
            consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<byte[]>> ask(
            Actor actor,
            IdempotencyKey key,
            @PathVariable String sessionId,
            @Valid @RequestBody QuestionRequest request) {
        QuestionId question = QuestionId.random();
        return writes.run(actor, key, Capability.JOIN_SESSION, "POST", sessionId, "/questions", request, (id, k) -> {
            questions.ask(actor, id, question, request.text(), request.anonymous(), k);
            return new IdempotentWrites.Result(
                    201,
                    "/sessions/" + id + "/questions/" + question,
                    new Changed(id.toString(), question.toString(), true));
        });
    }

    /** Upvote: the class checks that the voter takes part; the question checks one vote per person. */
    @PostMapping(
            path = "/sessions/{sessionId}/questions/{questionId}/upvote",
            produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<byte[]>> upvote(
            Actor actor, IdempotencyKey key, @PathVariable String sessionId, @PathVariable String questionId) {
        return onQuestion(
                actor,
                key,
                sessionId,
                questionId,
                "upvote",
                null,
                (id, question, k) -> questions.upvote(actor, id, question, k));
    }

    @PostMapping(
            path = "/sessions/{sessionId}/questions/{questionId}/answer",
            consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<byte[]>> answer(
            Actor actor,
            IdempotencyKey key,
            @PathVariable String sessionId,
            @PathVariable String questionId,
            @Valid @RequestBody AnswerRequest request) {
        return onQuestion(
                actor,
                key,
                sessionId,
                questionId,
                "answer",
                request,
                (id, question, k) -> questions.answer(actor, id, question, request.text(), request.live(), k));
    }

    @PostMapping(
            path = "/sessions/{sessionId}/questions/{questionId}/resolve",
            produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<byte[]>> resolve(
            Actor actor, IdempotencyKey key, @PathVariable String sessionId, @PathVariable String questionId) {
        return onQuestion(
                actor,
                key,
                sessionId,
                questionId,
                "resolve",
                null,
                (id, question, k) -> questions.resolve(actor, id, question, k));
    }

    @PostMapping(
            path = "/sessions/{sessionId}/questions/{questionId}/dismiss",
            produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<byte[]>> dismiss(
            Actor actor,
            IdempotencyKey key,
            @PathVariable String sessionId,
            @PathVariable String questionId,
            @Valid @RequestBody(required = false) ModerationRequest request) {
        String reason = request == null ? null : blankToNull(request.reason());
        return onQuestion(
                actor,
                key,
                sessionId,
                questionId,
                "dismiss",
                request,
                (id, question, k) -> questions.dismiss(actor, id, question, reason, k));
    }

    private Mono<ResponseEntity<byte[]>> onQuestion(
            Actor actor,
            IdempotencyKey key,
            String sessionId,
            String questionId,
            String verb,
            Object request,
            OnQuestion action) {
        QuestionId question = QuestionId.of(SessionPaths.uuid("questionId", questionId));
        return writes.run(
                actor,
                key,
                Capability.JOIN_SESSION,
                "POST",
                sessionId,
                "/questions/" + question + "/" + verb,
                request,
                (id, k) -> {
                    action.run(id, question, k);
                    return new IdempotentWrites.Result(
                            200, null, new Changed(id.toString(), question.toString(), true));
                });
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
