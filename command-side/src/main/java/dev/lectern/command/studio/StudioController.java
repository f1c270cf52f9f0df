package dev.lectern.command.studio;

import dev.lectern.command.idempotency.IdempotencyKey;
import dev.lectern.command.idempotency.IdempotentWrites;
import dev.lectern.command.web.CommandDispatcher;
import dev.lectern.command.web.PlainText;
import dev.lectern.command.web.SessionPaths;
import dev.lectern.command.web.SessionWrites;
import dev.lectern.events.identity.Actor;
import dev.lectern.events.identity.Capability;
import dev.lectern.events.scene.SceneId;
import dev.lectern.events.studio.ChangeLayoutCommand;
import dev.lectern.events.studio.CreateSceneCommand;
import dev.lectern.events.studio.UpdateWhiteboardCommand;
import dev.lectern.events.studio.WhiteboardOp;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.UUID;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * The teaching studio (seed 001 "Studio State"): scenes ({@code POST /sessions/{id}/scenes}, {@code PUT}
 * and {@code DELETE .../scenes/{sceneId}}), switching the class's scene ({@code POST /sessions/{id}/scene}),
 * its layout ({@code POST /sessions/{id}/layout}) and whiteboard batches ({@code POST /sessions/{id}/whiteboard}).
 * Every change is a command; the class (Session aggregate) or the scene decides who may, and the event
 * is in session_state_events before any client sees it. Slides and calls to action have their own endpoints;
 * what a scene edit checks first is {@link Scenes}'.
 */
@RestController
class StudioController {

    private final SessionWrites writes;
    private final CommandDispatcher commands;
    private final Scenes scenes;

    StudioController(SessionWrites writes, CommandDispatcher commands, Scenes scenes) {
        this.writes = writes;
        this.commands = commands;
        this.scenes = scenes;
    }

    record SceneRequest(
            @NotBlank @PlainText(max = 80) String name,
            @NotBlank String layout) {}

    record SceneUpdate(@PlainText(min = 1, max = 80) String name, String layout) {}

    record SceneSwitch(@NotBlank String sceneId) {}

    record LayoutRequest(@NotBlank String layout) {}

    record WhiteboardRequest(@NotEmpty @Size(max = 100) List<@NotNull WhiteboardOp> ops) {}

    record Changed(String sessionId, boolean changed) {}

    @PostMapping(
            path = "/sessions/{sessionId}/scenes",
            consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<byte[]>> create(
            Actor actor, IdempotencyKey key, @PathVariable String sessionId, @Valid @RequestBody SceneRequest request) {
        SceneId scene = SceneId.random();
        return writes.run(actor, key, Capability.RUN_SESSION, "POST", sessionId, "/scenes", request, (id, k) -> {
            commands.send(
                    new CreateSceneCommand(id, actor, scene, request.name().strip(), request.layout()), k);
            return new IdempotentWrites.Result(
                    201,
                    "/sessions/" + id + "/scenes/" + scene,
                    new SceneLookup.SceneView(
                            scene.toString(), id.toString(), request.name().strip(), request.layout(), false));
        });
    }

    @PutMapping(
            path = "/sessions/{sessionId}/scenes/{sceneId}",
            consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<byte[]>> update(
            Actor actor,
            IdempotencyKey key,
            @PathVariable String sessionId,
            @PathVariable String sceneId,
            @Valid @RequestBody SceneUpdate request) {
        SceneId scene = SceneId.of(SessionPaths.uuid("sceneId", sceneId));
        return writes.run(
                actor, key, Capability.RUN_SESSION, "PUT", sessionId, "/scenes/" + scene, request, (id, k) -> {
                    return new IdempotentWrites.Result(
                            200,
                            null,
                            scenes.update(
                                    actor,
                                    id,
                                    scene,
                                    request.name() == null
                                            ? null
                                            : request.name().strip(),
                                    request.layout(),
                                    k));
                });
    }

    @DeleteMapping(path = "/sessions/{sessionId}/scenes/{sceneId}", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<byte[]>> delete(
            Actor actor, IdempotencyKey key, @PathVariable String sessionId, @PathVariable String sceneId) {
        SceneId scene = SceneId.of(SessionPaths.uuid("sceneId", sceneId));
        return writes.run(
                actor, key, Capability.RUN_SESSION, "DELETE", sessionId, "/scenes/" + scene, null, (id, k) -> {
                    return new IdempotentWrites.Result(200, null, scenes.delete(actor, id, scene, k));
                });
    }

    /** Seed 001 {@code POST /sessions/{id}/scene}: switch the class to one of its scenes. */
    @PostMapping(
            path = "/sessions/{sessionId}/scene",
            consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<byte[]>> switchScene(
            Actor actor, IdempotencyKey key, @PathVariable String sessionId, @Valid @RequestBody SceneSwitch request) {
        SceneId scene = SceneId.of(SessionPaths.uuid("sceneId", request.sceneId()));
        return writes.run(actor, key, Capability.RUN_SESSION, "POST", sessionId, "/scene", request, (id, k) -> {
            return new IdempotentWrites.Result(
                    200, null, new Changed(id.toString(), scenes.switchTo(actor, id, scene, k)));
        });
    }

    /** Seed 001 {@code POST /sessions/{id}/layout}. */
    @PostMapping(
            path = "/sessions/{sessionId}/layout",
            consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<byte[]>> layout(
            Actor actor,
            IdempotencyKey key,
            @PathVariable String sessionId,
            @Valid @RequestBody LayoutRequest request) {
        return writes.run(actor, key, Capability.RUN_SESSION, "POST", sessionId, "/layout", request, (id, k) -> {
            Boolean changed = commands.send(new ChangeLayoutCommand(id, actor, request.layout()), k);
            return new IdempotentWrites.Result(200, null, new Changed(id.toString(), Boolean.TRUE.equals(changed)));
        });
    }

    /** A batch of whiteboard operations (the teacher, or a presenter). */
    @PostMapping(
            path = "/sessions/{sessionId}/whiteboard",
            consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<byte[]>> whiteboard(
            Actor actor,
            IdempotencyKey key,
            @PathVariable String sessionId,
            @Valid @RequestBody WhiteboardRequest request) {
        UUID batch = UUID.randomUUID();
        return writes.run(actor, key, Capability.JOIN_SESSION, "POST", sessionId, "/whiteboard", request, (id, k) -> {
            commands.send(new UpdateWhiteboardCommand(id, actor, batch, request.ops()), k);
            return new IdempotentWrites.Result(
                    200,
                    null,
                    new Batch(id.toString(), batch.toString(), request.ops().size()));
        });
    }

    record Batch(String sessionId, String batchId, int ops) {}
}
