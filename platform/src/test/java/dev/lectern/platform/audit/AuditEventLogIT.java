package dev.lectern.platform.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lectern.events.identity.Role;
import dev.lectern.platform.support.PlatformIT;
import java.io.IOException;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Auditors query the event store of their school; every such read is itself in the audit log. */
class AuditEventLogIT extends PlatformIT {

    @Autowired
    ObjectMapper json;

    @Test
    void auditorsFilterTheLogBySessionNameActorAndTimeAndTheirReadsAreAudited() throws IOException {
        String school = newTenant();
        String teacher = token(school, Role.TEACHER);
        Instant before = Instant.now().minusSeconds(1);
        String session = json.readTree(postSession(school, newKey(), scheduleBody("Audited class"))
                        .expectStatus()
                        .isCreated()
                        .expectBody()
                        .returnResult()
                        .getResponseBody())
                .get("sessionId")
                .asText();
        client().post()
                .uri("/sessions/" + session + "/start")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + teacher)
                .header("Idempotency-Key", newKey())
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .returnResult();
        String auditor = token(school, Role.AUDITOR);

        assertThat(names(auditor, "/audit/events?sessionId=" + session))
                .containsExactly("session.scheduled", "session.started");
        assertThat(names(auditor, "/audit/events?sessionId=" + session + "&name=session.started"))
                .containsExactly("session.started");
        assertThat(names(auditor, "/audit/events?actor=teacher@" + school))
                .containsExactly("session.scheduled", "session.started");
        assertThat(names(auditor, "/audit/events?actor=student@" + school)).isEmpty();
        assertThat(names(
                        auditor,
                        "/audit/events?from=" + before + "&to=" + Instant.now().plusSeconds(60)))
                .containsExactly("session.scheduled", "session.started");
        assertThat(names(auditor, "/audit/events?to=" + before)).isEmpty();
        JsonNode firstPage = get(auditor, "/audit/events?limit=1", 200);
        assertThat(firstPage.get("events")).hasSize(1);
        assertThat(names(
                        auditor,
                        "/audit/events?after=" + firstPage.get("nextAfter").asLong()))
                .containsExactly("session.started");

        // Another school's auditor sees nothing of it; a teacher may not query at all; bad filters are 400.
        assertThat(names(token(newTenant(), Role.AUDITOR), "/audit/events?sessionId=" + session))
                .isEmpty();
        assertThat(get(teacher, "/audit/events", 403).get("code").asText()).isEqualTo("FORBIDDEN");
        assertThat(get(auditor, "/audit/events?name=DROP%20TABLE", 400)
                        .get("code")
                        .asText())
                .isEqualTo("VALIDATION_FAILED");
        assertThat(get(auditor, "/audit/events?from=yesterday", 400).get("code").asText())
                .isEqualTo("VALIDATION_FAILED");

        assertThat(jdbc.queryForObject("""
                SELECT count(*) FROM audit_log WHERE tenant_id = ? AND action = 'audit.read' AND actor_subject = ?
                  AND subject_id LIKE 'GET /audit/events%'""", Long.class, school, "auditor@" + school))
                .isEqualTo(8);
    }

    private java.util.List<String> names(String token, String uri) throws IOException {
        return get(token, uri, 200).get("events").findValuesAsText("name");
    }

    private JsonNode get(String token, String uri, int status) throws IOException {
        WebTestClient.ResponseSpec response = client().get()
                .uri(uri)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .exchange();
        return json.readTree(response.expectStatus()
                .isEqualTo(status)
                .expectBody()
                .returnResult()
                .getResponseBody());
    }
}
