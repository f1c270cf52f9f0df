package dev.lectern.query.session;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.lectern.events.course.CourseId;
import dev.lectern.events.course.LessonId;
import dev.lectern.events.error.ErrorCode;
import dev.lectern.events.error.RequestRejectedException;
import dev.lectern.events.identity.Actor;
import dev.lectern.events.query.SessionView;
import dev.lectern.query.session.SessionViewRepository.Cursor;
import dev.lectern.query.session.SessionViewRepository.Listed;
import dev.lectern.query.web.PathIds;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.http.MediaType;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * The scheduled classes as the read model knows them, within the caller's tenant: {@code GET /sessions/{id}}, and the
 * lists {@code GET /sessions} and {@code GET /courses/{courseId}/sessions}. One visibility rule for all three
 * ({@link ClassVisibility}, docs/adr/0026-class-lists-visibility.md): a class is listed exactly when it can be read. The
 * read model is eventually consistent with the log (typically well under a second behind).
 */
@RestController
class SessionQueryController {

    private final SessionViewRepository sessions;

    SessionQueryController(SessionViewRepository sessions) {
        this.sessions = sessions;
    }

    @GetMapping(path = "/sessions/{sessionId}", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<SessionView> find(Actor actor, @PathVariable String sessionId) {
        ClassVisibility.require(actor);
        var id = PathIds.session(sessionId);
        return sessions.find(actor, id)
                .switchIfEmpty(Mono.error(() -> new RequestRejectedException(
                        ErrorCode.SESSION_NOT_FOUND, "No session " + id + " in this tenant")));
    }

    @GetMapping(path = "/sessions", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<ClassListPage> list(
            Actor actor,
            @RequestParam MultiValueMap<String, String> query,
            @RequestParam(name = "from", required = false) String from,
            @RequestParam(name = "to", required = false) String to,
            @RequestParam(name = "after", required = false) String after,
            @RequestParam(name = "limit", required = false) String limit) {
        ClassVisibility.require(actor);
        ClassListQuery parsed = ClassListQuery.parse(query.get("status"), from, to, after, limit);
        return page(actor, parsed, null, "/sessions");
    }

    @GetMapping(path = "/courses/{courseId}/sessions", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<ClassListPage> listOfCourse(
            Actor actor,
            @PathVariable String courseId,
            @RequestParam MultiValueMap<String, String> query,
            @RequestParam(name = "from", required = false) String from,
            @RequestParam(name = "to", required = false) String to,
            @RequestParam(name = "after", required = false) String after,
            @RequestParam(name = "limit", required = false) String limit) {
        ClassVisibility.require(actor);
        UUID course = PathIds.uuid("courseId", courseId);
        ClassListQuery parsed = ClassListQuery.parse(query.get("status"), from, to, after, limit);
        return sessions.courseExists(actor.tenantId(), course)
                .flatMap(exists -> exists
                        ? page(actor, parsed, course, "/courses/" + course + "/sessions")
                        : Mono.error(new RequestRejectedException(
                                ErrorCode.COURSE_NOT_FOUND, "No course " + course + " in this tenant")));
    }

    /** Reads one row more than the page holds, so that {@code next} is there exactly when another class follows. */
    private Mono<ClassListPage> page(Actor actor, ClassListQuery query, UUID course, String path) {
        return sessions.list(actor, query.filter(course), query.after(), query.limit() + 1)
                .collectList()
                .map(rows -> {
                    boolean more = rows.size() > query.limit();
                    List<Listed> shown = more ? rows.subList(0, query.limit()) : rows;
                    List<ClassItem> items = shown.stream().map(ClassItem::of).toList();
                    if (!more) {
                        return new ClassListPage(items, null, null);
                    }
                    SessionView last = shown.get(shown.size() - 1).session();
                    Cursor cursor = new Cursor(last.startsAt(), last.sessionId());
                    return new ClassListPage(items, query.next(path, cursor), ClassListQuery.encode(cursor));
                });
    }

    /**
     * One page of classes; {@code next} is the link to the following page (same filters), {@code nextAfter} its
     * cursor; both absent (null) at the end.
     */
    record ClassListPage(List<ClassItem> sessions, String next, String nextAfter) {}

    /** A class as a list shows it; {@code role} is the caller's role in it (ClassRoles, or auditor). */
    record ClassItem(
            UUID sessionId,
            String title,
            String status,
            Instant startsAt,
            int durationMinutes,
            CourseId courseId,
            LessonId lessonId,
            String role,
            Links links) {

        static ClassItem of(Listed listed) {
            SessionView view = listed.session();
            return new ClassItem(
                    view.sessionId(),
                    view.title(),
                    view.status(),
                    view.startsAt(),
                    view.durationMinutes(),
                    view.courseId(),
                    view.lessonId(),
                    listed.classRole(),
                    Links.of(view.sessionId(), listed.classRole()));
        }
    }

    /**
     * Where to go next: the class, and its live state and stream for a role in the class; an auditor gets the
     * class and its log instead (they cannot join, docs/adr/0026).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Links(String self, String state, String stream, String events) {

        static Links of(UUID session, String classRole) {
            String self = "/sessions/" + session;
            return ClassVisibility.AUDITOR.equals(classRole)
                    ? new Links(self, null, null, self + "/events")
                    : new Links(self, self + "/state", self + "/stream", null);
        }
    }
}
