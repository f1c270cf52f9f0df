package dev.lectern.command.session;

import dev.lectern.command.idempotency.IdempotencyKey;
import dev.lectern.command.idempotency.IdempotentWrites;
import dev.lectern.command.identity.UserDirectory;
import dev.lectern.command.web.PlainText;
import dev.lectern.command.web.SessionWrites;
import dev.lectern.events.error.ErrorCode;
import dev.lectern.events.error.RequestRejectedException;
import dev.lectern.events.identity.Actor;
import dev.lectern.events.identity.Capability;
import dev.lectern.events.identity.UserId;
import dev.lectern.events.session.SessionId;
import dev.lectern.events.session.SessionPermission;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * Session-scoped permissions (seed 001 {@code POST /sessions/{id}/permissions}): promote a student to
 * presenter, grant an assistant moderation, take either back; and remove a participant for good.
 * HTTP only: {@link PermissionChanges} sends the command and audits it, in one transaction. Only the class's
 * teacher or an admin (checked by the aggregate, SessionAuthority).
 */
@RestController
class SessionPermissionController {

    private final SessionWrites writes;
    private final PermissionChanges permissions;

    SessionPermissionController(SessionWrites writes, PermissionChanges permissions) {
        this.writes = writes;
        this.permissions = permissions;
    }

    @PostMapping(
            path = "/sessions/{sessionId}/permissions",
            consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<byte[]>> change(
            Actor actor,
            IdempotencyKey key,
            @PathVariable String sessionId,
            @Valid @RequestBody PermissionRequest request) {
        SessionWrites.ClassWrite write = writes.authorize(actor, Capability.MANAGE_SESSION_PERMISSIONS, key, sessionId);
        SessionId session = write.session();
        UserId user = UserDirectory.parse(request.userId());
        SessionPermission permission = SessionPermission.parse(request.permission())
                .orElseThrow(() -> new RequestRejectedException(
                        ErrorCode.VALIDATION_FAILED, "permission must be present or moderate"));
        boolean grant = "grant".equals(request.action());
        return write.run("POST", "/permissions", request, () -> {
            boolean changed =
                    permissions.change(actor, session, user, permission, grant, reason(request.reason()), write.key());
            return new IdempotentWrites.Result(
                    200,
                    null,
                    new PermissionView(session.toString(), user.toString(), permission.value(), grant, changed));
        });
    }

    @PostMapping(
            path = "/sessions/{sessionId}/revocations",
            consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<byte[]>> revoke(
            Actor actor,
            IdempotencyKey key,
            @PathVariable String sessionId,
            @Valid @RequestBody RevocationRequest request) {
        SessionWrites.ClassWrite write = writes.authorize(actor, Capability.MANAGE_SESSION_PERMISSIONS, key, sessionId);
        SessionId session = write.session();
        UserId user = UserDirectory.parse(request.userId());
        return write.run("POST", "/revocations", request, () -> {
            boolean changed = permissions.revoke(actor, session, user, reason(request.reason()), write.key());
            return new IdempotentWrites.Result(
                    200, null, new RevocationView(session.toString(), user.toString(), changed));
        });
    }

    private static String reason(String reason) {
        return reason == null || reason.isBlank() ? null : reason.strip();
    }

    record PermissionRequest(
            @NotBlank String userId,
            @NotBlank String permission,

            @NotBlank @Pattern(regexp = "grant|revoke", message = "must be grant or revoke")
            String action,

            @PlainText(max = 500, multiLine = true) String reason) {}

    record RevocationRequest(
            @NotBlank String userId,
            @PlainText(max = 500, multiLine = true) String reason) {}

    /** {@code changed} is false when the participant already had (or already lacked) the permission. */
    record PermissionView(String sessionId, String userId, String permission, boolean granted, boolean changed) {}

    record RevocationView(String sessionId, String userId, boolean changed) {}
}
