package dev.lectern.command.studio;

import dev.lectern.events.error.ErrorCode;
import dev.lectern.events.error.RequestRejectedException;
import dev.lectern.events.identity.Actor;
import dev.lectern.events.scene.SceneCreatedEvent;
import dev.lectern.events.scene.SceneDeletedEvent;
import dev.lectern.events.scene.SceneUpdatedEvent;
import dev.lectern.events.session.SessionId;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.stereotype.Component;

import java.util.UUID;

/**
 * A scene as its own event stream says it is now (read from the event store, so it is exact even a
 * millisecond after the scene was created). A scene of another class or school does not exist here.
 */
@Component
class SceneLookup {

    record SceneView(String sceneId, String sessionId, String name, String layout, boolean deleted) {
    }

    private final EventStore events;

    SceneLookup(EventStore events) {
        this.events = events;
    }

    SceneView require(Actor actor, SessionId session, UUID scene) {
        DomainEventStream stream = events.readEvents(scene.toString());
        SceneView view = null;
        while (stream.hasNext()) {
            Object payload = stream.next().getPayload();
            if (payload instanceof SceneCreatedEvent e) {
                if (!e.tenantId().equals(actor.tenantId()) || !e.sessionId().equals(session)) {
                    break;
                }
                view = new SceneView(scene.toString(), session.toString(), e.name(), e.layout(), false);
            } else if (view != null && payload instanceof SceneUpdatedEvent e) {
                view = new SceneView(view.sceneId(), view.sessionId(), e.name(), e.layout(), false);
            } else if (view != null && payload instanceof SceneDeletedEvent) {
                view = new SceneView(view.sceneId(), view.sessionId(), view.name(), view.layout(), true);
            }
        }
        if (view == null) {
            throw new RequestRejectedException(ErrorCode.SCENE_NOT_FOUND, "This class has no scene " + scene);
        }
        return view;
    }
}
