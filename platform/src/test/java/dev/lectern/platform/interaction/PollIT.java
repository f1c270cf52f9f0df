package dev.lectern.platform.interaction;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lectern.events.identity.Role;
import dev.lectern.events.identity.TenantId;
import dev.lectern.platform.support.PlatformIT;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Polls over HTTP on real PostgreSQL: lifecycle, exact tally, one ballot per person, authority, and votes racing a close. */
class PollIT extends PlatformIT {

    @Autowired
    ObjectMapper json;

    private String school;
    private String session;
    private String teacher;

    @BeforeEach
    void aClass() throws IOException {
        school = newTenant();
        teacher = token(school, Role.TEACHER);
        session = json.readTree(postSession(school, newKey(), scheduleBody("Astronomy"))
                        .expectStatus()
                        .isCreated()
                        .expectBody()
                        .returnResult()
                        .getResponseBody())
                .get("sessionId")
                .asText();
    }

    @Test
    void aPollRunsFromDraftToPublishedResultsWithAnExactTally() throws IOException {
        String poll = createPoll(Map.of(
                "question",
                "Which planet is largest?",
                "options",
                List.of("Mars", "Jupiter", "Venus"),
                "correctOptions",
                List.of(1)));
        assertThat(status(poll)).isEqualTo("draft");
        List<String> students = students(7);
        assertThat(code(vote(students.get(0), poll, List.of(1), newKey())
                        .expectStatus()
                        .isEqualTo(409)))
                .isEqualTo("POLL_NOT_OPEN");

        body(post(teacher, "/polls/" + poll + "/open").expectStatus().isOk());
        int[] choices = {0, 1, 1, 2, 1, 0, 1};
        for (int i = 0; i < students.size(); i++) {
            assertThat(body(vote(students.get(i), poll, List.of(choices[i]), newKey())
                                    .expectStatus()
                                    .isCreated())
                            .get("outcome")
                            .asText())
                    .isEqualTo("cast");
        }
        // The same request again (same key) is answered from the record; a new attempt (new key) is a second ballot.
        String key = newKey();
        String extra = students(1).get(0);
        vote(extra, poll, List.of(2), key).expectStatus().isCreated();
        vote(extra, poll, List.of(2), key)
                .expectStatus()
                .isCreated()
                .expectHeader()
                .valueEquals("Idempotent-Replayed", "true");
        long before = eventCount();
        JsonNode duplicate = body(vote(extra, poll, List.of(0), newKey())
                .expectStatus()
                .isEqualTo(409)
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON));
        assertThat(duplicate.get("code").asText()).isEqualTo("ALREADY_VOTED");
        assertThat(eventCount()).isEqualTo(before);

        // Students see neither counts (no live results) nor the answer before publication; the teacher sees counts.
        JsonNode seenByStudent = body(read(students.get(0), poll).expectStatus().isOk());
        assertThat(seenByStudent.has("counts")).isFalse();
        assertThat(seenByStudent.has("correctOptions")).isFalse();
        assertThat(longs(body(read(teacher, poll).expectStatus().isOk()).get("counts")))
                .containsExactly(2L, 4L, 2L);

        post(teacher, "/polls/" + poll + "/close").expectStatus().isOk();
        JsonNode published =
                body(post(teacher, "/polls/" + poll + "/publish").expectStatus().isOk());
        assertThat(longs(published.get("counts"))).containsExactly(2L, 4L, 2L);
        assertThat(published.get("ballots").asLong()).isEqualTo(8);

        JsonNode after = body(read(students.get(0), poll).expectStatus().isOk());
        assertThat(after.get("status").asText()).isEqualTo("published");
        assertThat(longs(after.get("counts"))).containsExactly(2L, 4L, 2L);
        assertThat(after.get("correctOptions").get(0).asInt()).isEqualTo(1);
        Map<String, Object> event = jdbc.queryForMap("""
                SELECT payload->'counts' AS counts, payload->>'ballots' AS ballots FROM session_state_events_readable
                WHERE session_id = ?::uuid AND event_name = 'poll.results_published'""", session);
        assertThat(event.get("counts").toString()).isEqualTo("[2, 4, 2]");
        assertThat(event.get("ballots")).isEqualTo("8");
        assertThat(jdbc.queryForObject(
                        "SELECT count(*) FROM session_state_events WHERE session_id = ?::uuid "
                                + "AND event_name = 'poll.vote_cast'",
                        Long.class,
                        session))
                .isEqualTo(8);
    }

    /**
     * Typed ids (docs/adr/0018-packages-by-feature.md, "Typed ids") store what the bare UUIDs stored: the Poll
     * aggregate's identifier is the poll id's UUID text, a ballot's is {@code <pollId>:<userId>}, and the payloads hold
     * the ids as plain JSON strings.
     */
    @Test
    void pollAndBallotIdsAreStoredAsTheirPlainUuidText() throws IOException {
        String poll = createPoll(Map.of("question", "Best moon?", "options", List.of("Io", "Europa")));
        post(teacher, "/polls/" + poll + "/open").expectStatus().isOk();
        String voter = students(1).get(0);
        String voterId = body(vote(voter, poll, List.of(1), newKey())
                        .expectStatus()
                        .isCreated())
                .get("userId")
                .asText();

        Map<String, Object> created = jdbc.queryForMap("""
                SELECT aggregate_type, aggregate_identifier, jsonb_typeof(payload -> 'pollId') AS id_type,
                       payload ->> 'pollId' AS id
                FROM session_state_events_readable WHERE session_id = ?::uuid AND event_name = 'poll.created'""", session);
        assertThat(created)
                .containsEntry("aggregate_type", "Poll")
                .containsEntry("aggregate_identifier", poll)
                .containsEntry("id_type", "string")
                .containsEntry("id", poll);
        Map<String, Object> cast = jdbc.queryForMap("""
                SELECT aggregate_type, aggregate_identifier, jsonb_typeof(payload -> 'pollId') AS id_type,
                       payload ->> 'pollId' AS id, payload ->> 'userId' AS user_id
                FROM session_state_events_readable WHERE session_id = ?::uuid AND event_name = 'poll.vote_cast'""", session);
        assertThat(cast)
                .containsEntry("aggregate_type", "Ballot")
                .containsEntry("aggregate_identifier", poll + ":" + voterId)
                .containsEntry("id_type", "string")
                .containsEntry("id", poll)
                .containsEntry("user_id", voterId);
    }

    @Test
    void aPollThatAllowsChangeCountsEachPersonsLastBallot() throws IOException {
        String poll = createPoll(Map.of(
                "question",
                "Favourite moon?",
                "options",
                List.of("Io", "Europa", "Titan", "Triton"),
                "multipleChoice",
                true,
                "allowChange",
                true,
                "showLiveResults",
                true));
        post(teacher, "/polls/" + poll + "/open").expectStatus().isOk();
        List<String> students = students(2);
        vote(students.get(0), poll, List.of(0, 1), newKey()).expectStatus().isCreated();
        vote(students.get(1), poll, List.of(2), newKey()).expectStatus().isCreated();
        assertThat(body(vote(students.get(0), poll, List.of(3, 1), newKey())
                                .expectStatus()
                                .isOk())
                        .get("outcome")
                        .asText())
                .isEqualTo("changed");
        assertThat(body(vote(students.get(0), poll, List.of(1, 3), newKey())
                                .expectStatus()
                                .isOk())
                        .get("outcome")
                        .asText())
                .isEqualTo("unchanged");
        // Live results: a student sees the counts while the poll is open.
        JsonNode live = body(read(students.get(1), poll).expectStatus().isOk());
        assertThat(longs(live.get("counts"))).containsExactly(0L, 1L, 1L, 1L);
        assertThat(live.get("ballots").asLong()).isEqualTo(2);
        post(teacher, "/polls/" + poll + "/close").expectStatus().isOk();
        assertThat(code(vote(students.get(0), poll, List.of(0), newKey())
                        .expectStatus()
                        .isEqualTo(409)))
                .isEqualTo("POLL_NOT_OPEN");
        assertThat(longs(body(post(teacher, "/polls/" + poll + "/publish")
                                .expectStatus()
                                .isOk())
                        .get("counts")))
                .containsExactly(0L, 1L, 1L, 1L);
    }

    @Test
    void aStudentCannotOpenCloseOrPublishAndTheTeacherDoesNotVote() throws IOException {
        String poll = createPoll(Map.of("question", "Ready?", "options", List.of("Yes", "No")));
        String student = token(school, Role.STUDENT);
        long before = eventCount();
        for (String step : List.of("open", "close", "publish")) {
            assertThat(code(post(student, "/polls/" + poll + "/" + step)
                            .expectStatus()
                            .isForbidden()))
                    .isEqualTo("FORBIDDEN");
        }
        assertThat(code(as(student, client().post().uri("/sessions/" + session + "/polls"))
                        .bodyValue(Map.of("question", "Mine?", "options", List.of("a", "b")))
                        .exchange()
                        .expectStatus()
                        .isForbidden()))
                .isEqualTo("FORBIDDEN");
        assertThat(eventCount()).isEqualTo(before);

        post(teacher, "/polls/" + poll + "/open").expectStatus().isOk();
        assertThat(code(vote(teacher, poll, List.of(0), newKey()).expectStatus().isForbidden()))
                .isEqualTo("FORBIDDEN");
        // Another school's teacher does not find the poll.
        String elsewhere = newTenant();
        assertThat(code(as(
                                token(elsewhere, Role.TEACHER),
                                client().post().uri("/sessions/" + session + "/polls/" + poll + "/close"))
                        .exchange()
                        .expectStatus()
                        .isNotFound()))
                .isEqualTo("POLL_NOT_FOUND");
    }

    @Test
    void aVoteAfterCloseIsRefusedAndAppendsNothing() throws IOException {
        String poll = createPoll(Map.of("question", "Ready?", "options", List.of("Yes", "No")));
        post(teacher, "/polls/" + poll + "/open").expectStatus().isOk();
        List<String> students = students(2);
        vote(students.get(0), poll, List.of(0), newKey()).expectStatus().isCreated();
        post(teacher, "/polls/" + poll + "/close").expectStatus().isOk();
        assertThat(code(post(teacher, "/polls/" + poll + "/close")
                        .expectStatus()
                        .isEqualTo(409)))
                .isEqualTo("POLL_NOT_OPEN");

        long before = eventCount();
        JsonNode refused = body(
                vote(students.get(1), poll, List.of(1), newKey()).expectStatus().isEqualTo(409));
        assertThat(refused.get("code").asText()).isEqualTo("POLL_NOT_OPEN");
        assertThat(refused.get("type").asText()).isEqualTo("https://lectern.dev/problems/poll-not-open");
        assertThat(eventCount()).isEqualTo(before);
    }

    @Test
    void aStudentRemovedFromTheClassCannotVote() throws IOException {
        String poll = createPoll(Map.of("question", "Ready?", "options", List.of("Yes", "No")));
        post(teacher, "/polls/" + poll + "/open").expectStatus().isOk();
        String subject = "removed-" + newKey().substring(0, 8) + "@" + school;
        directory.ensureUserWithRole(new TenantId(school), subject, "Removed", Role.STUDENT, "test");
        String token = issuer.mint(new TenantId(school), subject, Duration.ofMinutes(10));
        String userId = jdbc.queryForObject(
                "SELECT user_id::text FROM users WHERE tenant_id = ? AND subject = ?", String.class, school, subject);
        as(teacher, client().post().uri("/sessions/" + session + "/revocations"))
                .bodyValue(Map.of("userId", userId, "reason", "Left the course"))
                .exchange()
                .expectStatus()
                .isOk();

        long before = eventCount();
        assertThat(code(vote(token, poll, List.of(0), newKey()).expectStatus().isEqualTo(409)))
                .isEqualTo("PARTICIPANT_REVOKED");
        assertThat(eventCount()).isEqualTo(before);
    }

    @Test
    void badInputIsAProblemWithTheFields() throws IOException {
        JsonNode oneOption = body(as(teacher, client().post().uri("/sessions/" + session + "/polls"))
                .bodyValue(Map.of("question", "Q?", "options", List.of("only")))
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON));
        assertThat(oneOption.get("code").asText()).isEqualTo("VALIDATION_FAILED");
        assertThat(oneOption.get("errors").get(0).get("pointer").asText()).isEqualTo("#/options");
        assertThat(code(as(teacher, client().post().uri("/sessions/" + session + "/polls"))
                        .bodyValue(Map.of("question", " ", "options", List.of("a", "b")))
                        .exchange()
                        .expectStatus()
                        .isBadRequest()))
                .isEqualTo("VALIDATION_FAILED");
        assertThat(code(as(teacher, client().post().uri("/sessions/" + session + "/polls"))
                        .bodyValue(Map.of("question", "x".repeat(301), "options", List.of("a", "b")))
                        .exchange()
                        .expectStatus()
                        .isBadRequest()))
                .isEqualTo("VALIDATION_FAILED");
        assertThat(code(as(teacher, client().post().uri("/sessions/" + session + "/polls"))
                        .bodyValue(Map.of("question", "Q?", "options", List.of("a", "b"), "correctOptions", List.of(2)))
                        .exchange()
                        .expectStatus()
                        .isBadRequest()))
                .isEqualTo("VALIDATION_FAILED");
        assertThat(code(as(teacher, client().post().uri("/sessions/" + session + "/polls"))
                        .bodyValue(Map.of("question", "Q?", "options", List.of("a", "")))
                        .exchange()
                        .expectStatus()
                        .isBadRequest()))
                .isEqualTo("VALIDATION_FAILED");
        assertThat(code(client().post()
                        .uri("/sessions/" + session + "/polls")
                        .contentType(MediaType.APPLICATION_JSON)
                        .header(HttpHeaders.AUTHORIZATION, "Bearer " + teacher)
                        .bodyValue(Map.of("question", "Q?", "options", List.of("a", "b")))
                        .exchange()
                        .expectStatus()
                        .isBadRequest()))
                .isEqualTo("IDEMPOTENCY_KEY_REQUIRED");

        String poll = createPoll(Map.of("question", "Pick one", "options", List.of("a", "b", "c")));
        post(teacher, "/polls/" + poll + "/open").expectStatus().isOk();
        String student = students(1).get(0);
        long before = eventCount();
        assertThat(code(vote(student, poll, List.of(3), newKey()).expectStatus().isBadRequest()))
                .isEqualTo("VALIDATION_FAILED");
        assertThat(code(vote(student, poll, List.of(0, 1), newKey())
                        .expectStatus()
                        .isBadRequest()))
                .isEqualTo("VALIDATION_FAILED");
        assertThat(code(vote(student, poll, List.of(), newKey()).expectStatus().isBadRequest()))
                .isEqualTo("VALIDATION_FAILED");
        assertThat(code(as(student, client().post().uri("/sessions/" + session + "/polls/not-a-poll/votes"))
                        .bodyValue(Map.of("options", List.of(0)))
                        .exchange()
                        .expectStatus()
                        .isBadRequest()))
                .isEqualTo("VALIDATION_FAILED");
        assertThat(eventCount()).isEqualTo(before);
    }

    /** Close races a storm of votes: every accepted ballot is in the log before poll.closed, every refused one is not. */
    @Test
    void votesRacingACloseAllLandBeforeIt() throws Exception {
        String poll = createPoll(Map.of("question", "Race?", "options", List.of("a", "b", "c", "d")));
        post(teacher, "/polls/" + poll + "/open").expectStatus().isOk();
        List<String> students = students(120);
        ExecutorService pool = Executors.newFixedThreadPool(24);
        CountDownLatch halfway = new CountDownLatch(40);
        List<Future<Integer>> votes = new ArrayList<>();
        try {
            for (int i = 0; i < students.size(); i++) {
                String student = students.get(i);
                int option = i % 4;
                votes.add(pool.submit(() -> {
                    int status = vote(student, poll, List.of(option), newKey())
                            .returnResult(byte[].class)
                            .getStatus()
                            .value();
                    halfway.countDown();
                    return status;
                }));
            }
            halfway.await();
            post(teacher, "/polls/" + poll + "/close").expectStatus().isOk();
            int accepted = 0;
            int refused = 0;
            for (Future<Integer> vote : votes) {
                int status = vote.get();
                assertThat(status).isIn(201, 409);
                if (status == 201) {
                    accepted++;
                } else {
                    refused++;
                }
            }
            assertThat(accepted).isGreaterThanOrEqualTo(40);
            assertThat(accepted + refused).isEqualTo(students.size());

            Long closedAt = jdbc.queryForObject(
                    "SELECT global_index FROM session_state_events WHERE aggregate_identifier = ? "
                            + "AND event_name = 'poll.closed'",
                    Long.class,
                    poll);
            List<Long> ballots = jdbc.queryForList(
                    "SELECT global_index FROM session_state_events WHERE session_id = ?::uuid "
                            + "AND event_name = 'poll.vote_cast'",
                    Long.class,
                    session);
            assertThat(ballots)
                    .hasSize(accepted)
                    .allSatisfy(position -> assertThat(position).isLessThan(closedAt));
            assertThat(body(post(teacher, "/polls/" + poll + "/publish")
                                    .expectStatus()
                                    .isOk())
                            .get("ballots")
                            .asLong())
                    .isEqualTo(accepted);
        } finally {
            pool.shutdownNow();
        }
    }

    private String createPoll(Map<String, Object> request) throws IOException {
        JsonNode created = body(as(teacher, client().post().uri("/sessions/" + session + "/polls"))
                .bodyValue(request)
                .exchange()
                .expectStatus()
                .isCreated());
        String poll = created.get("pollId").asText();
        assertThat(jdbc.queryForObject("SELECT status FROM poll_gate WHERE poll_id = ?::uuid", String.class, poll))
                .isEqualTo("draft");
        return poll;
    }

    private String status(String poll) throws IOException {
        return body(read(teacher, poll).expectStatus().isOk()).get("status").asText();
    }

    /** Tokens of {@code n} new students of the school. */
    private List<String> students(int n) {
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String subject = "s" + i + "-" + newKey().substring(0, 8) + "@" + school;
            directory.ensureUserWithRole(new TenantId(school), subject, "Student " + i, Role.STUDENT, "test");
            tokens.add(issuer.mint(new TenantId(school), subject, Duration.ofMinutes(10)));
        }
        return tokens;
    }

    private WebTestClient.ResponseSpec vote(String token, String poll, List<Integer> options, String key) {
        return client().post()
                .uri("/sessions/" + session + "/polls/" + poll + "/votes")
                .contentType(MediaType.APPLICATION_JSON)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .header("Idempotency-Key", key)
                .bodyValue(Map.of("options", options))
                .exchange();
    }

    private WebTestClient.ResponseSpec read(String token, String poll) {
        return client().get()
                .uri("/sessions/" + session + "/polls/" + poll)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .exchange();
    }

    private WebTestClient.ResponseSpec post(String token, String path) {
        return client().post()
                .uri("/sessions/" + session + path)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .header("Idempotency-Key", newKey())
                .exchange();
    }

    private WebTestClient.RequestBodySpec as(String token, WebTestClient.RequestBodySpec request) {
        return request.contentType(MediaType.APPLICATION_JSON)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .header("Idempotency-Key", newKey());
    }

    private JsonNode body(WebTestClient.ResponseSpec response) throws IOException {
        return json.readTree(response.expectBody().returnResult().getResponseBody());
    }

    private String code(WebTestClient.ResponseSpec response) throws IOException {
        return body(response).get("code").asText();
    }

    private static List<Long> longs(JsonNode array) {
        List<Long> values = new ArrayList<>();
        array.forEach(n -> values.add(n.asLong()));
        return values;
    }
}
