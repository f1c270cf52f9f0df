package dev.lectern.platform.web.openapi;

import dev.lectern.command.idempotency.IdempotencyKey;
import dev.lectern.command.idempotency.RecordedResponse;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import java.util.ArrayList;
import java.util.List;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.core.MethodParameter;
import org.springframework.core.ResolvableType;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.method.HandlerMethod;

/**
 * What each handler method's signature tells beyond springdoc's defaults: a write (an {@link IdempotencyKey}
 * parameter, or the header read by name) requires the {@code Idempotency-Key} header; a write answered by
 * {@link RecordedResponse} (the recorded bytes of the first answer) is described as its real outcomes, 2xx with
 * {@code Idempotent-Replayed} and {@code Location}; and every operation gets an id from its controller and method,
 * stable across scan orders.
 */
final class LecternOperations implements OperationCustomizer {

    @Override
    public Operation customize(Operation operation, HandlerMethod handler) {
        operation.setOperationId(operationId(handler));
        if (isWrite(handler)) {
            List<Parameter> parameters = new ArrayList<>();
            parameters.add(
                    new Parameter().$ref("#/components/parameters/" + OpenApiConfiguration.IDEMPOTENCY_KEY_PARAMETER));
            if (operation.getParameters() != null) {
                operation.getParameters().stream()
                        .filter(p ->
                                !("header".equals(p.getIn()) && IdempotencyKey.HEADER.equalsIgnoreCase(p.getName())))
                        .forEach(parameters::add);
            }
            operation.setParameters(parameters);
            if (answersRecordedBytes(handler)) {
                ApiResponses responses =
                        operation.getResponses() == null ? new ApiResponses() : operation.getResponses();
                responses.remove("200");
                responses.addApiResponse("2XX", recordedAnswer());
                operation.setResponses(responses);
            }
        }
        return operation;
    }

    /** Writes take the key: as the resolver-bound {@link IdempotencyKey}, or as the header read by name. */
    static boolean isWrite(HandlerMethod handler) {
        for (MethodParameter parameter : handler.getMethodParameters()) {
            if (parameter.getParameterType() == IdempotencyKey.class) {
                return true;
            }
            RequestHeader header = parameter.getParameterAnnotation(RequestHeader.class);
            if (header != null
                    && (IdempotencyKey.HEADER.equalsIgnoreCase(header.name())
                            || IdempotencyKey.HEADER.equalsIgnoreCase(header.value()))) {
                return true;
            }
        }
        return false;
    }

    /** {@code ResponseEntity<byte[]>} (in a Mono or not): the bytes recorded for the key, replayed as they were. */
    private static boolean answersRecordedBytes(HandlerMethod handler) {
        ResolvableType type = ResolvableType.forMethodReturnType(handler.getMethod());
        if (!ResponseEntity.class.isAssignableFrom(type.toClass()) && type.hasGenerics()) {
            type = type.getGeneric(0);
        }
        return ResponseEntity.class.isAssignableFrom(type.toClass())
                && type.getGeneric(0).toClass() == byte[].class;
    }

    private static ApiResponse recordedAnswer() {
        return new ApiResponse()
                .description("Done: 201 Created (with Location) when the write created something, 202 Accepted when it "
                        + "was started, else 200. The body is the write's result as JSON; a retry with the same "
                        + "Idempotency-Key gets these same bytes again.")
                .content(new Content()
                        .addMediaType(
                                org.springframework.http.MediaType.APPLICATION_JSON_VALUE,
                                new MediaType().schema(Schemas.object())))
                .addHeaderObject(RecordedResponse.REPLAYED_HEADER, Schemas.header(RecordedResponse.REPLAYED_HEADER))
                .addHeaderObject(HttpHeaders.LOCATION, Schemas.header(HttpHeaders.LOCATION));
    }

    /** {@code PollController.create} is {@code pollCreate}: unique, readable, and not renumbered by scan order. */
    static String operationId(HandlerMethod handler) {
        String controller = handler.getBeanType().getSimpleName().replaceFirst("Controller$", "");
        String method = handler.getMethod().getName();
        return Character.toLowerCase(controller.charAt(0))
                + controller.substring(1)
                + Character.toUpperCase(method.charAt(0))
                + method.substring(1);
    }
}
