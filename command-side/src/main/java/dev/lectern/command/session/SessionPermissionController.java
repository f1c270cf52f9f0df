package dev.lectern.command.session;

import dev.lectern.command.web.SessionPaths;

import dev.lectern.command.web.PlainText;
import dev.lectern.command.idempotency.IdempotencyKey;
import dev.lectern.command.idempotency.IdempotentWrites;
import dev.lectern.command.idempotency.RecordedResponse;
import dev.lectern.command.identity.AuditTrail;
import dev.lectern.command.identity.UserDirectory;
import dev.lectern.command.web.CommandDispatcher;
import dev.lectern.events.error.ErrorCode;
import dev.lectern.events.error.RequestRejectedException;
import dev.lectern.events.identity.AccessDeniedException;
import dev.lectern.events.identity.Actor;
import dev.lectern.events.identity.Capability;
import dev.lectern.events.identity.UserId;
import dev.lectern.events.session.ChangeSessionPermissionCommand;
import dev.lectern.events.session.RevokeParticipantCommand;
import dev.lectern.events.session.SessionId;
import dev.lectern.events.session.SessionPermission;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * Session-scoped permissions (seed 001 {@code POST /sessions/{id}/permissions}): promote a student to
 * presenter, grant an assistant moderation, take either back; and remove a participant for good.
 * Commands on the Session aggregate (events in session_state_events) plus an audit_log row, in one
 * transaction. Only the class's teacher or an admin (checked by the aggregate, SessionAuthority).
 */
@RestController
class SessionPermissionController {

    private final IdempotentWrites writes;
    private final CommandDispatcher commands;
    private final AuditTrail audit;
    private final UserDirectory users;

    SessionPermissionController(IdempotentWrites writes, CommandDispatcher commands, AuditTrail audit, UserDirectory users) {
        this.writes = writes;
        this.commands = commands;
        this.audit = audit;
        this.users = users;
    }

    @PostMapping(path = "/sessions/{sessionId}/permissions", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<byte[]>> change(Actor actor, @RequestHeader(name = IdempotencyKey.HEADER, required = false) String key,
                                        @PathVariable String sessionId, @Valid @RequestBody PermissionRequest request) {
        AccessDeniedException.require(actor, Capability.MANAGE_SESSION_PERMISSIONS);
        IdempotencyKey idempotencyKey = IdempotencyKey.require(key);
        SessionId session = SessionPaths.parse(sessionId);
        UserId user = UserDirectory.parse(request.userId());
        SessionPermission permission = SessionPermission.parse(request.permission()).orElseThrow(() ->
                new RequestRejectedException(ErrorCode.VALIDATION_FAILED, "permission must be present or moderate"));
        boolean grant = "grant".equals(request.action());
        return writes.execute(actor, idempotencyKey, "POST", "/sessions/" + session + "/permissions", request, () -> {
            users.requireUser(actor, user);
            Boolean changed = commands.send(new ChangeSessionPermissionCommand(session, actor, user, permission, grant,
                    reason(request.reason())), idempotencyKey);
            if (Boolean.TRUE.equals(changed)) {
                audit.record(actor, grant ? "permission.granted" : "permission.revoked", AuditTrail.DONE, "session_user",
                        session + "/" + user + "/" + permission.value(), reason(request.reason()));
            }
            return new IdempotentWrites.Result(200, null, new PermissionView(session.toString(), user.toString(),
                    permission.value(), grant, Boolean.TRUE.equals(changed)));
        }).map(RecordedResponse::toResponseEntity);
    }

    @PostMapping(path = "/sessions/{sessionId}/revocations", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<byte[]>> revoke(Actor actor, @RequestHeader(name = IdempotencyKey.HEADER, required = false) String key,
                                        @PathVariable String sessionId, @Valid @RequestBody RevocationRequest request) {
        AccessDeniedException.require(actor, Capability.MANAGE_SESSION_PERMISSIONS);
        IdempotencyKey idempotencyKey = IdempotencyKey.require(key);
        SessionId session = SessionPaths.parse(sessionId);
        UserId user = UserDirectory.parse(request.userId());
        return writes.execute(actor, idempotencyKey, "POST", "/sessions/" + session + "/revocations", request, () -> {
            users.requireUser(actor, user);
            Boolean changed = commands.send(new RevokeParticipantCommand(session, actor, user, reason(request.reason())),
                    idempotencyKey);
            if (Boolean.TRUE.equals(changed)) {
                audit.record(actor, "participant.revoked", AuditTrail.DONE, "session_user", session + "/" + user,
                        reason(request.reason()));
            }
            return new IdempotentWrites.Result(200, null, new RevocationView(session.toString(), user.toString(),
                    Boolean.TRUE.equals(changed)));
        }).map(RecordedResponse::toResponseEntity);
    }


    private static String reason(String reason) {
        return reason == null || reason.isBlank() ? null : reason.strip();
    }



    record PermissionRequest(@NotBlank String userId, @NotBlank String permission,
                             @NotBlank @Pattern(regexp = "grant|revoke", message = "must be grant or revoke") String action,
                             @PlainText(max = 500, multiLine = true)
                             String reason) {
    }

    record RevocationRequest(@NotBlank String userId,
                             @PlainText(max = 500, multiLine = true)
                             String reason) {
    }

    /** {@code changed} is false when the participant already had (or already lacked) the permission. */
    record PermissionView(String sessionId, String userId, String permission, boolean granted, boolean changed) {
    }

    record RevocationView(String sessionId, String userId, boolean changed) {
    }
}
