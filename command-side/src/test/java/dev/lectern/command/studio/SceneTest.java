package dev.lectern.command.studio;

import static dev.lectern.command.DomainExceptionMatcher.rejectedWith;

import dev.lectern.events.error.ErrorCode;
import dev.lectern.events.identity.Actor;
import dev.lectern.events.identity.Role;
import dev.lectern.events.identity.TenantId;
import dev.lectern.events.identity.UserId;
import dev.lectern.events.scene.DeleteSceneCommand;
import dev.lectern.events.scene.SceneCreatedEvent;
import dev.lectern.events.scene.SceneDeletedEvent;
import dev.lectern.events.scene.SceneId;
import dev.lectern.events.scene.SceneUpdatedEvent;
import dev.lectern.events.scene.UpdateSceneCommand;
import dev.lectern.events.session.SessionId;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A scene's own rules: only the class's teacher or an admin edits it; a deleted scene is gone; layouts are known ones. */
class SceneTest {

    private static final Instant NOW = Instant.parse("2026-11-22T09:00:00Z");
    private static final TenantId TENANT = new TenantId("north-high");
    private static final UserId TEACHER = UserId.random();
    private static final Actor THE_TEACHER = new Actor(TENANT, "t@north-high", TEACHER, Set.of(Role.TEACHER));
    private static final Actor OTHER_TEACHER = new Actor(TENANT, "o@north-high", UserId.random(), Set.of(Role.TEACHER));

    private AggregateTestFixture<Scene> fixture;
    private SceneId id;
    private SessionId session;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Scene.class);
        fixture.registerInjectableResource(Clock.fixed(NOW, ZoneOffset.UTC));
        id = SceneId.random();
        session = SessionId.random();
    }

    private SceneCreatedEvent created() {
        return new SceneCreatedEvent(id, session, TENANT, "Board", "whiteboard", TEACHER, "t@north-high", NOW);
    }

    @Test
    void theTeacherRenamesAndRelaysOutTheScene() {
        fixture.given(created())
                .when(new UpdateSceneCommand(id, session, THE_TEACHER, "Lecture", "presentation_focus"))
                .expectEvents(new SceneUpdatedEvent(
                        id, session, TENANT, "Lecture", "presentation_focus", "t@north-high", NOW));
        fixture.given(created())
                .when(new UpdateSceneCommand(id, session, THE_TEACHER, "Board", "whiteboard"))
                .expectNoEvents()
                .expectResultMessagePayload(false);
        fixture.given(created())
                .when(new UpdateSceneCommand(id, session, THE_TEACHER, null, "sideways"))
                .expectException(rejectedWith(ErrorCode.VALIDATION_FAILED));
    }

    @Test
    void anotherTeacherCannotAndADeletedSceneIsGone() {
        fixture.given(created())
                .when(new DeleteSceneCommand(id, session, OTHER_TEACHER))
                .expectNoEvents()
                .expectException(rejectedWith(ErrorCode.FORBIDDEN));
        fixture.given(created(), new SceneDeletedEvent(id, session, TENANT, "t@north-high", NOW))
                .when(new UpdateSceneCommand(id, session, THE_TEACHER, "Again", null))
                .expectException(rejectedWith(ErrorCode.SCENE_NOT_FOUND));
    }

    /** docs/adr/0014: a scene is not found from another class of its school, nor from another school. */
    @Test
    void aSceneOfAnotherClassOrSchoolIsNotFoundAndNothingIsAppended() {
        SessionId otherClass = SessionId.random();
        Actor foreignAdmin = new Actor(new TenantId("south-high"), "a@south-high", UserId.random(), Set.of(Role.ADMIN));
        List<Object> commands = List.of(
                new UpdateSceneCommand(id, otherClass, THE_TEACHER, "Lecture", null),
                new DeleteSceneCommand(id, otherClass, THE_TEACHER),
                new UpdateSceneCommand(id, session, foreignAdmin, "Lecture", null),
                new DeleteSceneCommand(id, session, foreignAdmin));
        for (Object command : commands) {
            fixture.given(created())
                    .when(command)
                    .expectNoEvents()
                    .expectException(rejectedWith(ErrorCode.SCENE_NOT_FOUND));
        }
    }
}
