package dev.lectern.platform.web;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import dev.lectern.command.identity.AuditTrail;
import dev.lectern.command.web.CommandDispatcher;
import dev.lectern.events.error.DomainError;
import dev.lectern.events.error.DomainException;
import dev.lectern.events.error.ErrorCode;
import dev.lectern.events.error.RequestRejectedException;
import dev.lectern.events.identity.AccessDeniedException;
import io.r2dbc.spi.R2dbcNonTransientResourceException;
import io.r2dbc.spi.R2dbcTransientResourceException;
import java.net.ConnectException;
import java.net.URI;
import java.sql.SQLTransientConnectionException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.core.annotation.Order;
import org.springframework.core.codec.DecodingException;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.support.WebExchangeBindException;
import org.springframework.web.server.MethodNotAllowedException;
import org.springframework.web.server.NotAcceptableStatusException;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.ServerWebInputException;
import org.springframework.web.server.UnsupportedMediaTypeStatusException;
import org.springframework.web.server.WebExceptionHandler;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The one place where failures become RFC 9457 {@code application/problem+json}. A WebExceptionHandler
 * rather than a {@code @RestControllerAdvice}, so that routing errors (404, 405, 415) and failures
 * outside controllers get the same treatment. Client mistakes are 4xx with a useful detail; a
 * missing kill-switch dependency is 503 with Retry-After; anything else is a 500 whose detail says
 * nothing internal. {@code type} is a stable URI per {@link ErrorCode}; {@code code} and
 * {@code requestId} are extension members.
 */
@Component
@Order(-2) // before Spring Boot's DefaultErrorWebExceptionHandler (-1)
public class ProblemWebExceptionHandler implements WebExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemWebExceptionHandler.class);
    private static final MediaType PROBLEM_JSON = MediaType.APPLICATION_PROBLEM_JSON;
    static final String RETRY_AFTER_SECONDS = "5";

    private final ObjectMapper json;
    private final AuditTrail audit;

    public ProblemWebExceptionHandler(ObjectMapper json, AuditTrail audit) {
        this.json = json;
        this.audit = audit;
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable failure) {
        ServerHttpResponse response = exchange.getResponse();
        if (response.isCommitted()) {
            return Mono.error(failure);
        }
        return recordDenial(exchange, failure).then(Mono.defer(() -> write(exchange, failure)));
    }

    /** A refused privileged attempt is a fact for the audit log: who tried what, where, and why not. */
    private Mono<Void> recordDenial(ServerWebExchange exchange, Throwable failure) {
        AccessDeniedException denied = causeOfType(failure, AccessDeniedException.class);
        RequestRejectedException refusedAtEdge = causeOfType(failure, RequestRejectedException.class);
        DomainException refusedByAggregate = causeOfType(failure, DomainException.class);
        DomainError refusedRemotely = refusedRemotely(failure);
        String action;
        String why;
        if (denied != null) {
            if (!denied.capability().privileged()) {
                return Mono.empty();
            }
            action = denied.capability().name().toLowerCase();
            why = denied.getMessage();
        } else if (refusedAtEdge != null && refusedAtEdge.code() == ErrorCode.FORBIDDEN) {
            // Has the role, but not over this course or class (e.g. a teacher of another course).
            action = "authority";
            why = refusedAtEdge.getMessage();
        } else if (refusedByAggregate != null && refusedByAggregate.code() == ErrorCode.FORBIDDEN) {
            action = "authority";
            why = refusedByAggregate.getMessage();
        } else if (refusedRemotely != null && refusedRemotely.code() == ErrorCode.FORBIDDEN) {
            // Refused by a handler on another node: only the details of the wrapping exception arrive.
            action = "authority";
            why = refusedRemotely.detail();
        } else {
            return Mono.empty();
        }
        String requestId = RequestIdFilter.of(exchange);
        String where = exchange.getRequest().getMethod() + " "
                + exchange.getRequest().getPath().value();
        // The error handler runs outside the security filter's context: the controller left the actor here.
        return Mono.justOrEmpty(ExchangeActor.of(exchange))
                .flatMap(actor -> Mono.fromRunnable(() -> {
                            MDC.put(CommandDispatcher.REQUEST_ID, requestId);
                            try {
                                audit.record(actor, action, AuditTrail.DENIED, "endpoint", where, why);
                            } finally {
                                MDC.remove(CommandDispatcher.REQUEST_ID);
                            }
                        })
                        .subscribeOn(Schedulers.boundedElastic()))
                .onErrorResume(e -> {
                    log.error("Could not record a denied attempt in the audit log (request {})", requestId, e);
                    return Mono.empty();
                })
                .then();
    }

    private Mono<Void> write(ServerWebExchange exchange, Throwable failure) {
        ServerHttpResponse response = exchange.getResponse();
        String requestId = RequestIdFilter.of(exchange);
        Problem problem = classify(failure);
        if (problem.code().status() >= 500) {
            log.error(
                    "{} {} failed: {} (request {})",
                    exchange.getRequest().getMethod(),
                    exchange.getRequest().getPath(),
                    problem.code(),
                    requestId,
                    failure);
        } else {
            log.debug(
                    "{} {} refused: {} {}",
                    exchange.getRequest().getMethod(),
                    exchange.getRequest().getPath(),
                    problem.code(),
                    problem.detail());
        }
        ProblemDetail body = ProblemDetail.forStatusAndDetail(
                HttpStatusCode.valueOf(problem.code().status()), problem.detail());
        body.setType(URI.create(problem.code().type()));
        body.setTitle(problem.code().title());
        body.setInstance(URI.create(exchange.getRequest().getPath().value()));
        body.setProperty("code", problem.code().name());
        if (requestId != null) {
            body.setProperty("requestId", requestId);
        }
        if (!problem.errors().isEmpty()) {
            body.setProperty("errors", problem.errors());
        }
        byte[] bytes;
        try {
            bytes = json.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            return Mono.error(e);
        }
        response.setStatusCode(HttpStatusCode.valueOf(problem.code().status()));
        response.getHeaders().setContentType(PROBLEM_JSON);
        response.getHeaders().remove(HttpHeaders.LOCATION);
        if (problem.code().status() == 503) {
            response.getHeaders().set(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS);
        }
        if (problem.code() == ErrorCode.RATE_LIMITED) {
            // Every 429 says when to come back: the refusal's own wait (slow mode), else the default.
            response.getHeaders()
                    .set(
                            HttpHeaders.RETRY_AFTER,
                            problem.retryAfter() == null
                                    ? RETRY_AFTER_SECONDS
                                    : String.valueOf(
                                            Math.max(1, (problem.retryAfter().toMillis() + 999) / 1000)));
        }
        if (failure instanceof MethodNotAllowedException notAllowed) {
            response.getHeaders().setAllow(notAllowed.getSupportedMethods());
        }
        return response.writeWith(Mono.just(response.bufferFactory().wrap(bytes)));
    }

    /** What a failure means to the client. Walks the cause chain: Axon and Spring wrap generously. */
    static Problem classify(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            Problem problem = DependencyFailures.classifyOne(t);
            if (problem == null) {
                problem = classifyOne(t);
            }
            if (problem != null) {
                return problem;
            }
            if (t instanceof CommandExecutionException commandFailure) {
                Object details = commandFailure.getDetails().orElse(null);
                if (details instanceof DomainError refusal) {
                    // From the command bus's exception-wrapping interceptor: the same answer whether the
                    // handler ran here (the cause is still attached) or on another node (only the details are).
                    return refused(refusal);
                }
                if (details instanceof ErrorCode code) {
                    return new Problem(code, commandFailure.getMessage(), List.of());
                }
            }
        }
        return new Problem(
                ErrorCode.INTERNAL, "An unexpected error occurred. Quote the requestId when reporting it.", List.of());
    }

    private static Problem classifyOne(Throwable t) {
        if (t instanceof RequestRejectedException rejected) {
            return refused(DomainError.of(rejected));
        }
        if (t instanceof DomainException domain) {
            return refused(DomainError.of(domain));
        }
        if (t instanceof WebExchangeBindException bind) {
            List<Map<String, String>> errors = bind.getFieldErrors().stream()
                    .map(ProblemWebExceptionHandler::fieldError)
                    .collect(Collectors.toList());
            bind.getGlobalErrors()
                    .forEach(e -> errors.add(Map.of("pointer", "#", "detail", String.valueOf(e.getDefaultMessage()))));
            return new Problem(
                    ErrorCode.VALIDATION_FAILED, "The request body has " + errors.size() + " invalid field(s)", errors);
        }
        if (t instanceof UnsupportedMediaTypeStatusException unsupported) {
            return new Problem(
                    ErrorCode.UNSUPPORTED_MEDIA_TYPE,
                    "Send "
                            + unsupported.getSupportedMediaTypes().stream()
                                    .map(MediaType::toString)
                                    .collect(Collectors.joining(", ")),
                    List.of());
        }
        if (t instanceof MethodNotAllowedException notAllowed) {
            return new Problem(
                    ErrorCode.METHOD_NOT_ALLOWED, notAllowed.getHttpMethod() + " is not supported here", List.of());
        }
        if (t instanceof NotAcceptableStatusException) {
            return new Problem(ErrorCode.NOT_ACCEPTABLE, "This resource is available as application/json", List.of());
        }
        if (t instanceof DataBufferLimitException) {
            return new Problem(ErrorCode.PAYLOAD_TOO_LARGE, "The request body is too large", List.of());
        }
        if (t instanceof ServerWebInputException input) {
            return malformed(input);
        }
        if (t instanceof ResponseStatusException status) {
            return switch (status.getStatusCode().value()) {
                case 404 -> new Problem(ErrorCode.NOT_FOUND, "No resource at this path", List.of());
                case 413 -> new Problem(ErrorCode.PAYLOAD_TOO_LARGE, "The request body is too large", List.of());
                case 503 ->
                    new Problem(ErrorCode.DEPENDENCY_UNAVAILABLE, "A required service is unavailable", List.of());
                default ->
                    status.getStatusCode().is4xxClientError()
                            ? new Problem(ErrorCode.MALFORMED_REQUEST, String.valueOf(status.getReason()), List.of())
                            : null;
            };
        }
        if (t instanceof AggregateNotFoundException) {
            return new Problem(ErrorCode.NOT_FOUND, "The target of this command does not exist", List.of());
        }
        if (t instanceof AggregateStreamCreationException) {
            return new Problem(ErrorCode.ALREADY_EXISTS, "This item already exists", List.of());
        }
        if (t instanceof ConcurrencyException) {
            return new Problem(
                    ErrorCode.CONCURRENT_MODIFICATION,
                    "Another change to the same item happened at the same moment; retry with the same Idempotency-Key",
                    List.of());
        }
        if (t instanceof CannotCreateTransactionException
                || t instanceof DataAccessResourceFailureException
                || t instanceof TransientDataAccessException
                || t instanceof SQLTransientConnectionException
                || t instanceof R2dbcNonTransientResourceException
                || t instanceof R2dbcTransientResourceException
                || t instanceof ConnectException) {
            return DependencyFailures.EVENT_LOG;
        }
        return null;
    }

    /**
     * A body the strict binding refused (docs/adr/0013-one-input-rule.md): a 400 whose {@code errors[]}
     * points at the field (JSON pointer), whether the refusal came from binding (wrong type, unknown field,
     * refused text or instant) or from the parser itself (a number out of range, a duplicate key).
     */
    private static Problem malformed(ServerWebInputException input) {
        MismatchedInputException mismatch = causeOfType(input, MismatchedInputException.class);
        if (mismatch instanceof UnrecognizedPropertyException unknown) {
            return invalidField(
                    pointer(unknown.getPath()),
                    "is not a field of this request; known fields: "
                            + unknown.getKnownPropertyIds().stream()
                                    .map(String::valueOf)
                                    .sorted()
                                    .collect(Collectors.joining(", ")));
        }
        if (mismatch != null && !mismatch.getPath().isEmpty()) {
            String detail = mismatch instanceof StrictJson.Refused
                    ? mismatch.getOriginalMessage()
                    : "must be "
                            + (mismatch.getTargetType() == null ? "a valid value" : describe(mismatch.getTargetType()));
            return invalidField(pointer(mismatch.getPath()), detail);
        }
        if (mismatch != null && String.valueOf(mismatch.getOriginalMessage()).startsWith("Trailing token")) {
            return new Problem(
                    ErrorCode.MALFORMED_REQUEST,
                    "The request body must be one JSON value with nothing after it",
                    List.of(Map.of("pointer", "#", "detail", "must end after the first JSON value")));
        }
        StreamReadException unreadable = causeOfType(input, StreamReadException.class);
        boolean outOfRange = unreadable instanceof InputCoercionException;
        boolean duplicate = unreadable != null
                && String.valueOf(unreadable.getOriginalMessage()).startsWith("Duplicate field");
        JsonParser parser = unreadable == null ? null : unreadable.getProcessor();
        if ((outOfRange || duplicate) && parser != null && parser.getParsingContext() != null) {
            String at = parser.getParsingContext().pathAsPointer().toString();
            Class<?> target = outOfRange ? ((InputCoercionException) unreadable).getTargetType() : null;
            return invalidField(
                    "#" + at,
                    duplicate
                            ? "appears more than once"
                            : "must be " + (target == null ? "a number" : describe(target)) + " in range");
        }
        if (mismatch != null && String.valueOf(mismatch.getOriginalMessage()).startsWith("No content")) {
            return new Problem(ErrorCode.MALFORMED_REQUEST, "A JSON request body is required", List.of());
        }
        if (mismatch != null) {
            return new Problem(ErrorCode.MALFORMED_REQUEST, "The request body must be a JSON object", List.of());
        }
        if (causeOfType(input, DecodingException.class) != null) {
            return new Problem(ErrorCode.MALFORMED_REQUEST, "The request body is not valid JSON", List.of());
        }
        String reason = input.getReason();
        if (reason != null && reason.toLowerCase().contains("body")) {
            return new Problem(ErrorCode.MALFORMED_REQUEST, "A JSON request body is required", List.of());
        }
        return new Problem(
                ErrorCode.MALFORMED_REQUEST, reason == null ? "The request could not be read" : reason, List.of());
    }

    /** A refusal by an aggregate or at the edge; {@code errors[]} names the parameter at fault, if any. */
    private static Problem refused(DomainError refusal) {
        List<Map<String, String>> errors = refusal.parameterAtFault()
                .map(name -> List.of(Map.of("parameter", name, "detail", String.valueOf(refusal.detail()))))
                .orElse(List.of());
        return new Problem(
                refusal.code(), refusal.detail(), errors, refusal.retryAfter().orElse(null));
    }

    private static Problem invalidField(String pointer, String detail) {
        return new Problem(
                ErrorCode.VALIDATION_FAILED,
                "The request body has 1 invalid field(s)",
                List.of(Map.of("pointer", pointer, "detail", detail)));
    }

    /** A Jackson path as a JSON pointer in a URI fragment: {@code #/ops/0/text}. */
    private static String pointer(List<JsonMappingException.Reference> path) {
        return "#/"
                + path.stream()
                        .map(r -> r.getFieldName() != null
                                ? r.getFieldName().replace("~", "~0").replace("/", "~1")
                                : String.valueOf(r.getIndex()))
                        .collect(Collectors.joining("/"));
    }

    private static DomainError refusedRemotely(Throwable failure) {
        CommandExecutionException wrapped = causeOfType(failure, CommandExecutionException.class);
        return wrapped == null
                ? null
                : wrapped.getDetails()
                        .filter(DomainError.class::isInstance)
                        .map(DomainError.class::cast)
                        .orElse(null);
    }

    private static <T extends Throwable> T causeOfType(Throwable failure, Class<T> type) {
        for (Throwable c = failure; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (type.isInstance(c)) {
                return type.cast(c);
            }
        }
        return null;
    }

    private static String describe(Class<?> type) {
        if (type == java.time.Instant.class) {
            return "an ISO-8601 instant such as 2026-11-23T09:00:00Z";
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            return "a whole number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == String.class) {
            return "a string";
        }
        return "a valid " + type.getSimpleName();
    }

    private static Map<String, String> fieldError(FieldError error) {
        Map<String, String> entry = new LinkedHashMap<>();
        entry.put(
                "pointer",
                "#/" + error.getField().replaceAll("\\[(\\d+)]", ".$1").replace('.', '/'));
        entry.put("detail", String.valueOf(error.getDefaultMessage()));
        return entry;
    }

    /** {@code retryAfter}: how long a refusal lasts, when the refusal knows (else the default for its code). */
    record Problem(ErrorCode code, String detail, List<Map<String, String>> errors, java.time.Duration retryAfter) {

        Problem(ErrorCode code, String detail, List<Map<String, String>> errors) {
            this(code, detail, errors, null);
        }
    }
}
