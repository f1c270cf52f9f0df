package dev.lectern.platform.studio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import dev.lectern.events.identity.Role;
import dev.lectern.platform.support.PlatformIT;
import dev.lectern.query.projection.ProcessorPositions;
import dev.lectern.query.replay.ProjectionRebuilds;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.client.MultipartBodyBuilder;
import org.springframework.web.reactive.function.BodyInserters;

/**
 * The studio read model (processing group {@code studio}, docs/adr/0023-query-side-read-models-for-studio.md):
 * a database whose log predates the model gets it filled on the group's first start, and a rebuild from
 * the log alone gives the same rows.
 */
class StudioReadModelIT extends PlatformIT {

    private static final String STUDIO = "studio";
    private static final String DUMP_DECKS =
            "SELECT * FROM studio_decks WHERE tenant_id = ? ORDER BY session_id, deck_id";
    private static final String DUMP_CTAS = "SELECT * FROM studio_ctas WHERE tenant_id = ? ORDER BY session_id";

    @Autowired
    ObjectMapper json;

    @Autowired
    EventProcessingConfiguration processing;

    @Autowired
    ProjectionRebuilds rebuilds;

    @Autowired
    ProcessorPositions positions;

    private String school;
    private String teacher;
    private String student;

    @BeforeEach
    void aSchool() {
        school = newTenant();
        teacher = token(school, Role.TEACHER);
        student = token(school, Role.STUDENT);
    }

    @Test
    void decksAndCallsToActionRecordedBeforeTheModelExistedAreServedAfterItsFirstStart() throws Exception {
        String shows = liveClass("Shows a CTA");
        UUID deck = upload(shows);
        String url = "https://example.org/worksheet?unit=4";
        showCta(shows, "https://example.org/first");
        showCta(shows, url);
        String hid = liveClass("Hid its CTA");
        showCta(hid, "https://example.org/gone");
        client().delete()
                .uri("/sessions/" + hid + "/cta")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + teacher)
                .header("Idempotency-Key", newKey())
                .exchange()
                .expectStatus()
                .isOk();
        long head = jdbc.queryForObject("SELECT max(global_index) FROM session_state_events", Long.class);
        await().atMost(Duration.ofSeconds(20)).until(() -> rebuilds.position(STUDIO) >= head);
        List<Map<String, Object>> decks = jdbc.queryForList(DUMP_DECKS, school);
        List<Map<String, Object>> ctas = jdbc.queryForList(DUMP_CTAS, school);
        assertThat(decks).hasSize(1);
        assertThat(ctas).hasSize(2);

        // As on a database migrated from before this read model: its tables empty, no token for its group.
        StreamingEventProcessor processor =
                processing.eventProcessor(STUDIO, StreamingEventProcessor.class).orElseThrow();
        processor.shutDown();
        try {
            jdbc.update("DELETE FROM token_entry WHERE processor_name = ?", STUDIO);
            jdbc.update("DELETE FROM studio_decks");
            jdbc.update("DELETE FROM studio_ctas");
        } finally {
            processor.start();
        }

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(rebuilds.position(STUDIO)).isGreaterThanOrEqualTo(head);
            assertThat(jdbc.queryForList(DUMP_DECKS, school)).isEqualTo(decks);
            assertThat(jdbc.queryForList(DUMP_CTAS, school)).isEqualTo(ctas);
        });
        client().get()
                .uri("/sessions/" + shows + "/decks/" + deck + "/pages/2")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + student)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.url")
                .isNotEmpty();
        client().get()
                .uri("/sessions/" + shows + "/decks/" + deck + "/pages/3")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + student)
                .exchange()
                .expectStatus()
                .isNotFound()
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("DECK_NOT_FOUND");
        assertThat(qr(shows)).isEqualTo(url);
        client().get()
                .uri("/sessions/" + hid + "/cta/qr.png")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + student)
                .exchange()
                .expectStatus()
                .isNotFound()
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("CTA_NOT_SHOWN");
    }

    @Test
    void aReadRightAfterTheCommandWaitsForTheModelToIncludeIt() throws Exception {
        String session = liveClass("Read your writes");
        showCta(session, "https://example.org/first");
        long shown = jdbc.queryForObject(
                "SELECT max(global_index) FROM session_state_events WHERE session_id = ?::uuid "
                        + "AND event_name = 'cta.shown'",
                Long.class,
                session);
        await().atMost(Duration.ofSeconds(20)).until(() -> rebuilds.position(STUDIO) >= shown);
        assertThat(positions.position(STUDIO).block())
                .as("the committed token, as a read sees it")
                .isGreaterThanOrEqualTo(shown);

        // The projector is held back while the teacher shows a CTA and restarted a moment after the read began.
        StreamingEventProcessor processor =
                processing.eventProcessor(STUDIO, StreamingEventProcessor.class).orElseThrow();
        processor.shutDown();
        CompletableFuture<Void> restart;
        try {
            showCta(session, "https://example.org/just-shown");
        } finally {
            restart = CompletableFuture.runAsync(
                    processor::start, CompletableFuture.delayedExecutor(200, TimeUnit.MILLISECONDS));
        }
        assertThat(qr(session)).isEqualTo("https://example.org/just-shown");
        restart.get(10, TimeUnit.SECONDS);
    }

    @Test
    void aRebuildFromTheLogAloneGivesTheSameRowsAndDropsRowsNoEventJustifies() throws Exception {
        String session = liveClass("Rebuilt");
        upload(session);
        showCta(session, "https://example.org/rebuilt");
        long head = jdbc.queryForObject("SELECT max(global_index) FROM session_state_events", Long.class);
        await().atMost(Duration.ofSeconds(20)).until(() -> rebuilds.position(STUDIO) >= head);
        List<Map<String, Object>> decks = jdbc.queryForList(DUMP_DECKS, school);
        List<Map<String, Object>> ctas = jdbc.queryForList(DUMP_CTAS, school);
        jdbc.update(
                "INSERT INTO studio_decks (tenant_id, session_id, deck_id, page_count, last_event_position) "
                        + "VALUES (?, ?::uuid, ?, 9, 0)",
                school,
                session,
                UUID.randomUUID());
        jdbc.update("UPDATE studio_ctas SET url = 'https://example.org/forged' WHERE tenant_id = ?", school);

        assertThat(rebuilds.rebuild(STUDIO)).isTrue();

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(rebuilds.position(STUDIO)).isGreaterThanOrEqualTo(head);
            assertThat(jdbc.queryForList(DUMP_DECKS, school)).isEqualTo(decks);
            assertThat(jdbc.queryForList(DUMP_CTAS, school)).isEqualTo(ctas);
        });
        assertThat(qr(session)).isEqualTo("https://example.org/rebuilt");
    }

    private String liveClass(String title) throws IOException {
        String session = json.readTree(postSession(school, newKey(), scheduleBody(title))
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
                .isOk();
        return session;
    }

    private void showCta(String session, String url) {
        client().post()
                .uri("/sessions/" + session + "/cta")
                .contentType(MediaType.APPLICATION_JSON)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + teacher)
                .header("Idempotency-Key", newKey())
                .bodyValue(Map.of("label", "Open it", "url", url))
                .exchange()
                .expectStatus()
                .isOk();
    }

    private UUID upload(String session) throws IOException {
        MultipartBodyBuilder parts = new MultipartBodyBuilder();
        parts.part("file", new ByteArrayResource(pdf(2)) {
                    @Override
                    public String getFilename() {
                        return "lesson.pdf";
                    }
                })
                .contentType(MediaType.APPLICATION_PDF);
        JsonNode deck = json.readTree(client().post()
                .uri("/sessions/" + session + "/decks")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + teacher)
                .header("Idempotency-Key", newKey())
                .contentType(MediaType.MULTIPART_FORM_DATA)
                .body(BodyInserters.fromMultipartData(parts.build()))
                .exchange()
                .expectStatus()
                .isCreated()
                .expectBody()
                .returnResult()
                .getResponseBody());
        return UUID.fromString(deck.get("deckId").asText());
    }

    private String qr(String session) throws Exception {
        byte[] png = client().get()
                .uri("/sessions/" + session + "/cta/qr.png")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + student)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .returnResult()
                .getResponseBody();
        return new QRCodeReader()
                .decode(
                        new BinaryBitmap(new HybridBinarizer(
                                new BufferedImageLuminanceSource(ImageIO.read(new ByteArrayInputStream(png))))),
                        Map.of(DecodeHintType.PURE_BARCODE, Boolean.TRUE))
                .getText();
    }

    private static byte[] pdf(int pages) throws IOException {
        try (PDDocument document = new PDDocument()) {
            PDType1Font font = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
            for (int i = 1; i <= pages; i++) {
                PDPage page = new PDPage(new PDRectangle(960, 540));
                document.addPage(page);
                try (PDPageContentStream content = new PDPageContentStream(document, page)) {
                    content.beginText();
                    content.setFont(font, 24);
                    content.newLineAtOffset(48, 468);
                    content.showText("Slide " + i);
                    content.endText();
                }
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            document.save(out);
            return out.toByteArray();
        }
    }
}
