package dev.lectern.platform.studio;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import dev.lectern.events.identity.Role;
import dev.lectern.events.identity.TenantId;
import dev.lectern.events.session.SessionId;
import dev.lectern.events.storage.ObjectStorage;
import dev.lectern.events.studio.DeckId;
import dev.lectern.events.studio.DeckObjects;
import dev.lectern.platform.support.PlatformIT;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.imageio.ImageIO;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.encryption.AccessPermission;
import org.apache.pdfbox.pdmodel.encryption.StandardProtectionPolicy;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.client.MultipartBodyBuilder;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.BodyInserters;

/**
 * Slides and the call to action over HTTP, against real PostgreSQL and the real s3proxy: what the
 * endpoints answer, what lands in the bucket and in the class's log. The appends rely on the Session
 * aggregate's handlers for AddDeck, ChangeSlide, ShowCta and HideCta (see docs/studio.md, "Contract").
 */
class SlidesAndCtaIT extends PlatformIT {

    private static final List<List<String>> THREE_SLIDES = List.of(
            List.of("Photosynthesis", "Light and water become sugar"),
            List.of("The Calvin cycle", "Carbon fixation"),
            List.of("Questions?"));

    @Autowired
    ObjectMapper json;

    @Autowired
    ObjectStorage storage;

    private String school;
    private String session;
    private String teacher;
    private String student;
    private String studentId;

    @BeforeEach
    void aLiveClass() throws IOException {
        school = newTenant();
        teacher = token(school, Role.TEACHER);
        student = token(school, Role.STUDENT);
        session = body(postSession(school, newKey(), scheduleBody("Biology"))
                        .expectStatus()
                        .isCreated())
                .get("sessionId")
                .asText();
        client().post()
                .uri("/sessions/" + session + "/start")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + teacher)
                .header("Idempotency-Key", newKey())
                .exchange()
                .expectStatus()
                .isOk();
        studentId = jdbc.queryForObject(
                "SELECT user_id::text FROM users WHERE tenant_id = ? AND subject = ?",
                String.class,
                school,
                "student@" + school);
    }

    @Test
    void theTeacherUploadsADeckThatIsStoredRenderedAndRecorded() throws Exception {
        String key = newKey();
        byte[] file = pdf(THREE_SLIDES, null);
        JsonNode deck = body(upload(teacher, key, file, "application/pdf", "Cells and light")
                .expectStatus()
                .isCreated());

        assertThat(deck.get("title").asText()).isEqualTo("Cells and light");
        assertThat(deck.get("pageCount").asInt()).isEqualTo(3);
        assertThat(deck.get("renderedPages").asInt()).isEqualTo(3);
        assertThat(deck.get("pages").findValuesAsText("title"))
                .containsExactly("Photosynthesis", "The Calvin cycle", "Questions?");
        DeckId deckId = DeckId.parse(deck.get("deckId").asText()).orElseThrow();

        DeckObjects objects =
                new DeckObjects(new TenantId(school), SessionId.parse(session).orElseThrow(), deckId);
        assertThat(storage.get(objects.original()).orElseThrow())
                .startsWith("%PDF".getBytes(StandardCharsets.US_ASCII));
        for (int page = 1; page <= 3; page++) {
            BufferedImage image = ImageIO.read(
                    new ByteArrayInputStream(storage.get(objects.page(page)).orElseThrow()));
            assertThat(image.getWidth()).isEqualTo(1280);
        }
        JsonNode text = json.readTree(storage.get(objects.text()).orElseThrow());
        assertThat(text.get("pages").get(1).get("text").asText()).contains("Carbon fixation");

        Map<String, Object> row = jdbc.queryForMap("""
                SELECT payload->>'deckId' AS deck_id, payload->>'pageCount' AS page_count, payload->>'renderedPages' AS rendered,
                       payload->>'objectKey' AS object_key, (payload->'pageTitles')::text AS page_titles,
                       payload->>'addedBy' AS added_by
                FROM session_state_events_readable WHERE session_id = ?::uuid AND event_name = 'deck.added'""", session);
        assertThat(row)
                .containsEntry("deck_id", deckId.toString())
                .containsEntry("page_count", "3")
                .containsEntry("rendered", "3")
                .containsEntry("object_key", objects.original())
                .containsEntry("added_by", "teacher@" + school);
        List<String> titles = new ArrayList<>();
        json.readTree((String) row.get("page_titles")).forEach(t -> titles.add(t.asText()));
        assertThat(titles).containsExactly("Photosynthesis", "The Calvin cycle", "Questions?");

        // A retry with the same key and file answers the same and records nothing new.
        long events = eventCount(UUID.fromString(session));
        JsonNode again = body(upload(teacher, key, file, "application/pdf", "Cells and light")
                .expectStatus()
                .isCreated());
        assertThat(again.get("deckId").asText()).isEqualTo(deckId.toString());
        // The same key with another file is refused and changes nothing (the first deck stays).
        assertProblem(
                upload(teacher, key, pdf(List.of(List.of("Other")), null), "application/pdf", "Cells and light"),
                422,
                "IDEMPOTENCY_KEY_REUSED");
        assertThat(eventCount(UUID.fromString(session))).isEqualTo(events);
        assertThat(storage.exists(objects.page(1))).isTrue();
    }

    @Test
    void classMembersGetSignedPageLinksAndTheTeacherChangesSlides() throws Exception {
        UUID deckId = UUID.fromString(body(upload(teacher, newKey(), pdf(THREE_SLIDES, null), "application/pdf", null)
                        .expectStatus()
                        .isCreated())
                .get("deckId")
                .asText());

        JsonNode link = body(client().get()
                .uri("/sessions/" + session + "/decks/" + deckId + "/pages/2")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + student)
                .exchange()
                .expectStatus()
                .isOk());
        Instant expiresAt = Instant.parse(link.get("expiresAt").asText());
        assertThat(expiresAt)
                .isBetween(Instant.now().plusSeconds(240), Instant.now().plusSeconds(301));
        HttpResponse<byte[]> image = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(link.get("url").asText()))
                                .timeout(Duration.ofSeconds(10))
                                .build(),
                        HttpResponse.BodyHandlers.ofByteArray());
        assertThat(image.statusCode()).isEqualTo(200);
        assertThat(ImageIO.read(new ByteArrayInputStream(image.body())).getWidth())
                .isEqualTo(1280);

        assertThat(body(client().get()
                                .uri("/sessions/" + session + "/decks/" + deckId + "/pages/4")
                                .header(HttpHeaders.AUTHORIZATION, "Bearer " + student)
                                .exchange()
                                .expectStatus()
                                .isNotFound())
                        .get("code")
                        .asText())
                .isEqualTo("DECK_NOT_FOUND");
        assertThat(body(client().get()
                                .uri("/sessions/" + session + "/decks/" + UUID.randomUUID() + "/pages/1")
                                .header(HttpHeaders.AUTHORIZATION, "Bearer " + student)
                                .exchange()
                                .expectStatus()
                                .isNotFound())
                        .get("code")
                        .asText())
                .isEqualTo("DECK_NOT_FOUND");
        // Another school's teacher does not see the class at all.
        String other = newTenant();
        client().get()
                .uri("/sessions/" + session + "/decks/" + deckId + "/pages/1")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + token(other, Role.TEACHER))
                .exchange()
                .expectStatus()
                .isNotFound();

        json(teacher, client().post().uri("/sessions/" + session + "/slides"))
                .bodyValue(Map.of("deckId", deckId.toString(), "page", 2))
                .exchange()
                .expectStatus()
                .isOk();
        assertThat(jdbc.queryForObject("""
                SELECT (payload->>'page')::int FROM session_state_events_readable
                WHERE session_id = ?::uuid AND event_name = 'slide.changed' AND payload->>'deckId' = ?""", Integer.class, session, deckId.toString()))
                .isEqualTo(2);
        long events = eventCount(UUID.fromString(session));
        assertThat(body(json(teacher, client().post().uri("/sessions/" + session + "/slides"))
                                .bodyValue(Map.of("deckId", deckId.toString(), "page", 0))
                                .exchange()
                                .expectStatus()
                                .isBadRequest())
                        .get("code")
                        .asText())
                .isEqualTo("VALIDATION_FAILED");
        json(teacher, client().post().uri("/sessions/" + session + "/slides"))
                .bodyValue(Map.of("deckId", deckId.toString(), "page", 4))
                .exchange()
                .expectStatus()
                .is4xxClientError();
        json(student, client().post().uri("/sessions/" + session + "/slides"))
                .bodyValue(Map.of("deckId", deckId.toString(), "page", 1))
                .exchange()
                .expectStatus()
                .isForbidden();
        assertThat(eventCount(UUID.fromString(session))).isEqualTo(events);
    }

    @Test
    void badUploadsAreProblemsAndAppendNothing() throws Exception {
        long events = eventCount(UUID.fromString(session));

        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB), "png", png);
        assertProblem(
                upload(teacher, newKey(), png.toByteArray(), "application/pdf", null), 415, "UNSUPPORTED_MEDIA_TYPE");
        assertProblem(
                upload(teacher, newKey(), pdf(THREE_SLIDES, null), "text/plain", null), 415, "UNSUPPORTED_MEDIA_TYPE");
        byte[] garbage = ("%PDF-1.7\n" + "not really a PDF ".repeat(50)).getBytes(StandardCharsets.US_ASCII);
        assertProblem(upload(teacher, newKey(), garbage, "application/pdf", null), 422, "DOCUMENT_UNREADABLE");
        assertProblem(
                upload(teacher, newKey(), pdf(THREE_SLIDES, "secret"), "application/pdf", null),
                422,
                "DOCUMENT_UNREADABLE");
        List<List<String>> tooMany = new ArrayList<>();
        for (int i = 0; i < 201; i++) {
            tooMany.add(List.of("Slide " + i));
        }
        assertProblem(upload(teacher, newKey(), pdf(tooMany, null), "application/pdf", null), 422, "DOCUMENT_TOO_LONG");
        byte[] huge = new byte[26 * 1024 * 1024];
        System.arraycopy("%PDF-1.7".getBytes(StandardCharsets.US_ASCII), 0, huge, 0, 8);
        assertProblem(upload(teacher, newKey(), huge, "application/pdf", null), 413, "PAYLOAD_TOO_LARGE");
        assertProblem(
                upload(teacher, null, pdf(THREE_SLIDES, null), "application/pdf", null),
                400,
                "IDEMPOTENCY_KEY_REQUIRED");

        assertThat(eventCount(UUID.fromString(session))).isEqualTo(events);
        assertThat(jdbc.queryForObject(
                        "SELECT count(*) FROM session_state_events WHERE session_id = ?::uuid "
                                + "AND event_name = 'deck.added'",
                        Long.class,
                        session))
                .isZero();
    }

    @Test
    void aStudentCannotUploadOrShowACtaUnlessMadePresenterForSlides() throws Exception {
        long events = eventCount(UUID.fromString(session));

        assertProblem(upload(student, newKey(), pdf(THREE_SLIDES, null), "application/pdf", null), 403, "FORBIDDEN");
        assertProblem(
                json(student, client().post().uri("/sessions/" + session + "/cta"))
                        .bodyValue(Map.of("label", "Worksheet", "url", "https://example.org/w"))
                        .exchange(),
                403,
                "FORBIDDEN");
        assertThat(eventCount(UUID.fromString(session))).isEqualTo(events);
        assertThat(jdbc.queryForObject(
                        "SELECT count(*) FROM audit_log WHERE tenant_id = ? AND actor_subject = ? "
                                + "AND outcome = 'denied'",
                        Long.class,
                        school,
                        "student@" + school))
                .isEqualTo(2);

        json(teacher, client().post().uri("/sessions/" + session + "/permissions"))
                .bodyValue(Map.of("userId", studentId, "permission", "present", "action", "grant"))
                .exchange()
                .expectStatus()
                .isOk();
        upload(student, newKey(), pdf(THREE_SLIDES, null), "application/pdf", "My project")
                .expectStatus()
                .isCreated();
        assertThat(jdbc.queryForObject(
                        "SELECT payload->>'addedBy' FROM session_state_events_readable "
                                + "WHERE session_id = ?::uuid AND event_name = 'deck.added'",
                        String.class,
                        session))
                .isEqualTo("student@" + school);
    }

    @Test
    void theQrCodeIsThatOfTheCtaOnScreen() throws Exception {
        String qr = "/sessions/" + session + "/cta/qr.png";
        assertProblem(
                client().get()
                        .uri(qr)
                        .header(HttpHeaders.AUTHORIZATION, "Bearer " + student)
                        .exchange(),
                404,
                "CTA_NOT_SHOWN");

        String url = "https://example.org/worksheet?unit=3&lang=fr";
        JsonNode shown = body(json(teacher, client().post().uri("/sessions/" + session + "/cta"))
                .bodyValue(Map.of("label", "Open the worksheet", "url", url))
                .exchange()
                .expectStatus()
                .isOk());
        assertThat(shown.get("shown").asBoolean()).isTrue();
        assertThat(jdbc.queryForObject(
                        "SELECT payload->>'url' FROM session_state_events_readable "
                                + "WHERE session_id = ?::uuid AND event_name = 'cta.shown'",
                        String.class,
                        session))
                .isEqualTo(url);

        byte[] png = client().get()
                .uri(qr)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + student)
                .exchange()
                .expectStatus()
                .isOk()
                .expectHeader()
                .contentType(MediaType.IMAGE_PNG)
                .expectBody()
                .returnResult()
                .getResponseBody();
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        String decoded = new QRCodeReader()
                .decode(
                        new BinaryBitmap(new HybridBinarizer(new BufferedImageLuminanceSource(image))),
                        Map.of(DecodeHintType.PURE_BARCODE, Boolean.TRUE))
                .getText();
        assertThat(decoded).isEqualTo(url);

        long events = eventCount(UUID.fromString(session));
        assertProblem(
                json(teacher, client().post().uri("/sessions/" + session + "/cta"))
                        .bodyValue(Map.of("label", "Click", "url", "javascript:alert(1)"))
                        .exchange(),
                400,
                "VALIDATION_FAILED");
        assertProblem(
                json(teacher, client().post().uri("/sessions/" + session + "/cta"))
                        .bodyValue(Map.of("label", "x".repeat(81), "url", url))
                        .exchange(),
                400,
                "VALIDATION_FAILED");
        assertThat(eventCount(UUID.fromString(session))).isEqualTo(events);

        client().delete()
                .uri("/sessions/" + session + "/cta")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + teacher)
                .header("Idempotency-Key", newKey())
                .exchange()
                .expectStatus()
                .isOk();
        assertProblem(
                client().get()
                        .uri(qr)
                        .header(HttpHeaders.AUTHORIZATION, "Bearer " + student)
                        .exchange(),
                404,
                "CTA_NOT_SHOWN");
    }

    private WebTestClient.ResponseSpec upload(
            String token, String key, byte[] content, String contentType, String title) {
        MultipartBodyBuilder parts = new MultipartBodyBuilder();
        parts.part("file", new ByteArrayResource(content) {
                    @Override
                    public String getFilename() {
                        return "lesson.pdf";
                    }
                })
                .contentType(MediaType.parseMediaType(contentType));
        if (title != null) {
            parts.part("title", title);
        }
        WebTestClient.RequestBodySpec request = client().post()
                .uri("/sessions/" + session + "/decks")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + token);
        if (key != null) {
            request = request.header("Idempotency-Key", key);
        }
        return request.contentType(MediaType.MULTIPART_FORM_DATA)
                .body(BodyInserters.fromMultipartData(parts.build()))
                .exchange();
    }

    private WebTestClient.RequestBodySpec json(String token, WebTestClient.RequestBodySpec request) {
        return request.contentType(MediaType.APPLICATION_JSON)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .header("Idempotency-Key", newKey());
    }

    private void assertProblem(WebTestClient.ResponseSpec response, int status, String code) throws IOException {
        JsonNode problem = body(response.expectStatus()
                .isEqualTo(status)
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
        assertThat(problem.get("code").asText()).isEqualTo(code);
        assertThat(problem.get("detail").asText()).isNotBlank();
    }

    private JsonNode body(WebTestClient.ResponseSpec response) throws IOException {
        return json.readTree(response.expectBody().returnResult().getResponseBody());
    }

    private static byte[] pdf(List<List<String>> pages, String userPassword) throws IOException {
        try (PDDocument document = new PDDocument()) {
            PDType1Font font = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
            for (List<String> lines : pages) {
                PDPage page = new PDPage(new PDRectangle(960, 540));
                document.addPage(page);
                try (PDPageContentStream content = new PDPageContentStream(document, page)) {
                    content.beginText();
                    content.setFont(font, 24);
                    content.newLineAtOffset(48, 468);
                    for (String line : lines) {
                        content.showText(line);
                        content.newLineAtOffset(0, -32);
                    }
                    content.endText();
                }
            }
            if (userPassword != null) {
                StandardProtectionPolicy policy =
                        new StandardProtectionPolicy("owner", userPassword, new AccessPermission());
                policy.setEncryptionKeyLength(128);
                document.protect(policy);
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            document.save(out);
            return out.toByteArray();
        }
    }
}
