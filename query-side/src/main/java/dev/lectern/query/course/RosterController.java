package dev.lectern.query.course;

import dev.lectern.events.course.CourseId;
import dev.lectern.events.error.ErrorCode;
import dev.lectern.events.error.RequestRejectedException;
import dev.lectern.events.identity.AccessDeniedException;
import dev.lectern.events.identity.Actor;
import dev.lectern.events.identity.Capability;
import dev.lectern.query.course.RosterRepository.RosterView;
import dev.lectern.query.web.PathIds;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** {@code GET /courses/{id}/roster}: who is enrolled in a course of the caller's school, and as what. */
@RestController
class RosterController {

    private final RosterRepository rosters;

    RosterController(RosterRepository rosters) {
        this.rosters = rosters;
    }

    @GetMapping(path = "/courses/{courseId}/roster", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<RosterView> roster(Actor actor, @PathVariable String courseId) {
        AccessDeniedException.require(actor, Capability.VIEW_ROSTER);
        CourseId course = CourseId.of(PathIds.uuid("courseId", courseId));
        return rosters.roster(actor.tenantId(), course)
                .switchIfEmpty(Mono.error(() -> new RequestRejectedException(
                        ErrorCode.COURSE_NOT_FOUND, "No course " + courseId + " in this tenant")));
    }
}
