package dev.lectern.command.studio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lectern.events.error.ErrorCode;
import dev.lectern.events.error.RequestRejectedException;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import javax.imageio.ImageIO;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.junit.jupiter.api.Test;

class DeckRendererTest {

    private final DeckRenderer renderer = new DeckRenderer(DeckLimits.DEFAULT);

    @Test
    void rendersEveryPageAtSlideWidthWithItsTextAndTitle() throws IOException {
        byte[] pdf = TestPdfs.slides(List.of(
                List.of("Photosynthesis", "Light and water become sugar"),
                List.of("The Calvin cycle", "Carbon fixation"),
                List.of("Questions?")));

        DeckRenderer.RenderedDeck deck = renderer.render(pdf);

        assertThat(deck.pageCount()).isEqualTo(3);
        assertThat(deck.renderedPages()).isEqualTo(3);
        assertThat(deck.pages())
                .extracting(DeckRenderer.Page::title)
                .containsExactly("Photosynthesis", "The Calvin cycle", "Questions?");
        assertThat(deck.pages().get(1).text()).contains("Carbon fixation");
        for (DeckRenderer.Page page : deck.pages()) {
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(page.png()));
            assertThat(image.getWidth()).isEqualTo(1280);
            assertThat(image.getHeight()).isEqualTo(720);
        }
    }

    @Test
    void aPageWithoutTextHasAnEmptyTitleAndLongTitlesAreCut() throws IOException {
        String longLine = "A".repeat(150);
        DeckRenderer.RenderedDeck deck = renderer.render(TestPdfs.slides(List.of(List.of(), List.of(longLine))));

        assertThat(deck.pages().get(0).title()).isEmpty();
        assertThat(deck.pages().get(1).title()).hasSize(120).isEqualTo("A".repeat(120));
    }

    @Test
    void aPageThatCannotBeRenderedIsLeftOutAndTheOthersStay() throws IOException {
        byte[] pdf;
        try (PDDocument document =
                org.apache.pdfbox.Loader.loadPDF(TestPdfs.slides(List.of(List.of("One"), List.of("Two"))))) {
            // A page with no area cannot become an image.
            document.getPages().insertAfter(new PDPage(new PDRectangle(0, 0)), document.getPage(0));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            document.save(out);
            pdf = out.toByteArray();
        }

        DeckRenderer.RenderedDeck deck = renderer.render(pdf);

        assertThat(deck.pageCount()).isEqualTo(3);
        assertThat(deck.renderedPages()).isEqualTo(2);
        assertThat(deck.pages().get(1).rendered()).isFalse();
        assertThat(deck.pages()).extracting(DeckRenderer.Page::title).containsExactly("One", "", "Two");
    }

    @Test
    void refusesAPasswordProtectedPdf() throws IOException {
        byte[] pdf = TestPdfs.withPassword(List.of(List.of("Secret")), "s3cret");

        assertThatThrownBy(() -> renderer.render(pdf)).isInstanceOfSatisfying(RequestRejectedException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.DOCUMENT_UNREADABLE);
            assertThat(e.getMessage()).contains("password");
        });
    }

    @Test
    void refusesGarbageThatOnlyStartsLikeAPdf() {
        byte[] garbage = ("%PDF-1.7\n" + "this is not a PDF body ".repeat(40)).getBytes(StandardCharsets.US_ASCII);

        assertThatThrownBy(() -> renderer.render(garbage))
                .isInstanceOfSatisfying(
                        RequestRejectedException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.DOCUMENT_UNREADABLE));
    }

    @Test
    void refusesAFileThatIsNotAPdfWhateverItsName() throws IOException {
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(new BufferedImage(4, 4, BufferedImage.TYPE_INT_RGB), "png", png);

        assertThatThrownBy(() -> renderer.render(png.toByteArray()))
                .isInstanceOfSatisfying(
                        RequestRejectedException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.UNSUPPORTED_MEDIA_TYPE));
        assertThatThrownBy(() -> renderer.render(new byte[0]))
                .isInstanceOfSatisfying(
                        RequestRejectedException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.UNSUPPORTED_MEDIA_TYPE));
    }

    @Test
    void refusesADeckWithMorePagesThanTheLimit() throws IOException {
        DeckRenderer small = new DeckRenderer(new DeckLimits(DeckLimits.DEFAULT.maxBytes(), 2, 1280, 1920, 120));
        byte[] pdf = TestPdfs.slides(List.of(List.of("1"), List.of("2"), List.of("3")));

        assertThatThrownBy(() -> small.render(pdf)).isInstanceOfSatisfying(RequestRejectedException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.DOCUMENT_TOO_LONG);
            assertThat(e.getMessage()).contains("3 pages").contains("at most 2");
        });
        assertThat(new DeckRenderer(new DeckLimits(DeckLimits.DEFAULT.maxBytes(), 3, 1280, 1920, 120))
                        .render(pdf)
                        .pageCount())
                .isEqualTo(3);
    }

    @Test
    void refusesAFileLargerThanTheLimit() throws IOException {
        byte[] pdf = TestPdfs.slides(List.of(List.of("1")));
        DeckRenderer tiny = new DeckRenderer(new DeckLimits(pdf.length - 1, 200, 1280, 1920, 120));

        assertThatThrownBy(() -> tiny.render(pdf))
                .isInstanceOfSatisfying(
                        RequestRejectedException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.PAYLOAD_TOO_LARGE));
        assertThat(Arrays.copyOf(pdf, 4)).isEqualTo("%PDF".getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void aTallPageIsBoundedByTheMaximumHeight() throws IOException {
        byte[] pdf = TestPdfs.write(List.of(List.of("Poster")), null, new PDRectangle(500, 5000));

        BufferedImage image = ImageIO.read(
                new ByteArrayInputStream(renderer.render(pdf).pages().get(0).png()));

        assertThat(image.getHeight()).isEqualTo(1920);
        assertThat(image.getWidth()).isEqualTo(192);
    }
}
