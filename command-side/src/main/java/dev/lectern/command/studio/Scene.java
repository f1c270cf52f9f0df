package dev.lectern.command.studio;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import dev.lectern.events.error.DomainException;
import dev.lectern.events.error.ErrorCode;
import dev.lectern.events.identity.Actor;
import dev.lectern.events.identity.SessionAuthority;
import dev.lectern.events.identity.UserId;
import dev.lectern.events.scene.DeleteSceneCommand;
import dev.lectern.events.scene.SceneCreatedEvent;
import dev.lectern.events.scene.SceneDeletedEvent;
import dev.lectern.events.scene.SceneId;
import dev.lectern.events.scene.SceneUpdatedEvent;
import dev.lectern.events.scene.UpdateSceneCommand;
import dev.lectern.events.session.ClassObjectCommand;
import dev.lectern.events.session.ClassScope;
import java.time.Clock;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CommandHandlerInterceptor;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * One scene of a class: a name and a layout. Created by the class (the Session aggregate checks who
 * asks), then edited or deleted by the class's teacher or an admin. Switching the class to a scene is
 * a Session command; this aggregate is what the switch reads the scene's name and layout from. Another class or
 * school does not find it ({@link ClassScope}, docs/adr/0014).
 */
@Aggregate
class Scene {

    @AggregateIdentifier
    private SceneId sceneId;

    private ClassScope scope;
    private UserId owner;
    private String name;
    private String layout;
    private boolean deleted;

    Scene() {
        // for Axon's event sourcing
    }

    Scene(SceneCreatedEvent created) {
        apply(created);
    }

    /** Every command to this scene first proves it speaks for the scene's own class (docs/adr/0014). */
    @CommandHandlerInterceptor
    void inScope(ClassObjectCommand command) throws DomainException {
        scope.require(command, ErrorCode.SCENE_NOT_FOUND, sceneId);
    }

    @CommandHandler
    boolean handle(UpdateSceneCommand command, Clock clock) throws DomainException {
        authorize(command.actor());
        String newName = command.name() == null ? name : command.name();
        String newLayout = command.layout() == null ? layout : command.layout();
        Layouts.require(newLayout);
        if (newName.equals(name) && newLayout.equals(layout)) {
            return false;
        }
        apply(new SceneUpdatedEvent(
                sceneId,
                scope.sessionId(),
                scope.tenantId(),
                newName,
                newLayout,
                command.actor().subject(),
                clock.instant()));
        return true;
    }

    @CommandHandler
    void handle(DeleteSceneCommand command, Clock clock) throws DomainException {
        authorize(command.actor());
        apply(new SceneDeletedEvent(
                sceneId, scope.sessionId(), scope.tenantId(), command.actor().subject(), clock.instant()));
    }

    private void authorize(Actor actor) throws DomainException {
        if (deleted) {
            throw new DomainException(ErrorCode.SCENE_NOT_FOUND, "No scene " + sceneId);
        }
        if (!SessionAuthority.mayManage(actor, owner)) {
            throw new DomainException(
                    ErrorCode.FORBIDDEN, "Only this class's teacher or an admin may change its scenes");
        }
    }

    @EventSourcingHandler
    void on(SceneCreatedEvent event) {
        sceneId = event.sceneId();
        scope = ClassScope.of(event);
        name = event.name();
        layout = event.layout();
        owner = event.owner();
    }

    @EventSourcingHandler
    void on(SceneUpdatedEvent event) {
        name = event.name();
        layout = event.layout();
    }

    @EventSourcingHandler
    void on(SceneDeletedEvent event) {
        deleted = true;
    }
}
