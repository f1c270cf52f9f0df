package dev.lectern.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lectern.events.error.DomainError;
import dev.lectern.events.error.DomainException;
import dev.lectern.events.error.ErrorCode;
import dev.lectern.events.error.RequestRejectedException;
import java.time.Duration;
import org.axonframework.commandhandling.CommandExecutionException;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.converter.json.Jackson2ObjectMapperBuilder;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;

/**
 * A refusal answers the same problem document whether the handler ran on this node (the refusal is the
 * cause) or on another one (only the details of the CommandExecutionException arrive).
 */
class ProblemWebExceptionHandlerTest {

    // As in the application: ProblemDetail's extension members at the top level of the document.
    private final ObjectMapper json = Jackson2ObjectMapperBuilder.json().build();
    private final ProblemWebExceptionHandler handler = new ProblemWebExceptionHandler(json, null);

    @Test
    void aRemoteRefusalWithDetailsAndNoCauseMapsToItsCodeAndStatus() throws Exception {
        CommandExecutionException remote = new CommandExecutionException(
                "Session has ended", null, new DomainError(ErrorCode.SESSION_ENDED, "Session has ended", null, null));

        MockServerWebExchange exchange = answer(remote);

        assertThat(exchange.getResponse().getStatusCode().value()).isEqualTo(409);
        assertThat(exchange.getResponse().getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        JsonNode body = body(exchange);
        assertThat(body.path("code").asText()).isEqualTo("SESSION_ENDED");
        assertThat(body.path("type").asText()).isEqualTo(ErrorCode.SESSION_ENDED.type());
        assertThat(body.path("title").asText()).isEqualTo(ErrorCode.SESSION_ENDED.title());
        assertThat(body.path("detail").asText()).isEqualTo("Session has ended");
    }

    @Test
    void localAndRemoteRefusalsGiveTheSameAnswer() throws Exception {
        DomainException refused = new DomainException(ErrorCode.POLL_NOT_OPEN, "Poll is not open");
        // The local gateway without the interceptor, with it, and a remote node's answer.
        Throwable before = new CommandExecutionException("An exception occurred while executing a command", refused);
        Throwable local = new CommandExecutionException(refused.getMessage(), refused, DomainError.of(refused));
        Throwable remote = new CommandExecutionException(
                refused.getMessage(), new RuntimeException("remote handler failed"), DomainError.of(refused));

        JsonNode expected = body(answer(before));
        assertThat(expected.path("code").asText()).isEqualTo("POLL_NOT_OPEN");
        assertThat(body(answer(local))).isEqualTo(expected);
        assertThat(body(answer(remote))).isEqualTo(expected);
        assertThat(answer(remote).getResponse().getStatusCode().value()).isEqualTo(409);
    }

    @Test
    void aRemoteRateLimitKeepsItsRetryAfter() {
        CommandExecutionException remote = new CommandExecutionException(
                "Slow mode",
                null,
                new DomainError(
                        ErrorCode.RATE_LIMITED,
                        "Slow mode",
                        null,
                        Duration.ofMillis(1500).toMillis()));

        MockServerWebExchange exchange = answer(remote);

        assertThat(exchange.getResponse().getStatusCode().value()).isEqualTo(429);
        assertThat(exchange.getResponse().getHeaders().getFirst(HttpHeaders.RETRY_AFTER))
                .isEqualTo("2");
    }

    @Test
    void aRemoteRejectedParameterIsNamedInErrors() throws Exception {
        RequestRejectedException rejected = RequestRejectedException.invalidParameter("title", "is too long");
        CommandExecutionException remote =
                new CommandExecutionException("title is too long", null, DomainError.of(rejected));

        JsonNode remoteBody = body(answer(remote));

        assertThat(remoteBody.path("code").asText()).isEqualTo("VALIDATION_FAILED");
        assertThat(remoteBody.path("errors").get(0).path("parameter").asText()).isEqualTo("title");
        assertThat(remoteBody).isEqualTo(body(answer(rejected)));
    }

    @Test
    void aCommandFailureWithoutDetailsOrKnownCauseIsAnInternalError() {
        CommandExecutionException unknown = new CommandExecutionException("boom", new IllegalStateException("bug"));

        assertThat(ProblemWebExceptionHandler.classify(unknown).code()).isEqualTo(ErrorCode.INTERNAL);
        assertThat(answer(unknown).getResponse().getStatusCode().value()).isEqualTo(500);
    }

    private MockServerWebExchange answer(Throwable failure) {
        MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.post("/sessions/42/end"));
        handler.handle(exchange, failure).block(Duration.ofSeconds(5));
        return exchange;
    }

    private JsonNode body(MockServerWebExchange exchange) throws Exception {
        return json.readTree(exchange.getResponse().getBodyAsString().block(Duration.ofSeconds(5)));
    }
}
