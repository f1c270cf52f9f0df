package dev.lectern.command.studio;

import dev.lectern.events.error.ErrorCode;
import dev.lectern.events.error.RequestRejectedException;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.io.RandomAccessReadBuffer;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.encryption.InvalidPasswordException;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns an uploaded PDF into what a class shows: one PNG per page at a bounded size, each page's text,
 * and a title per page (its first non-blank line). Plain CPU work without I/O; callers run it off the
 * event loop. A page that fails to render is left out (clients keep the last slide they could show);
 * a document that cannot be opened at all is refused.
 */
final class DeckRenderer {

    private static final Logger log = LoggerFactory.getLogger(DeckRenderer.class);
    private static final byte[] MAGIC = "%PDF".getBytes(StandardCharsets.US_ASCII);

    private final DeckLimits limits;

    DeckRenderer(DeckLimits limits) {
        this.limits = limits;
    }

    /** One page: {@code png} is null when the page could not be rendered. */
    record Page(int number, String title, String text, byte[] png) {
        boolean rendered() {
            return png != null;
        }
    }

    record RenderedDeck(String documentTitle, List<Page> pages) {
        int pageCount() {
            return pages.size();
        }

        int renderedPages() {
            return (int) pages.stream().filter(Page::rendered).count();
        }
    }

    /** Refuses what is not a PDF at all: the signature every PDF file starts with. */
    static void requirePdfSignature(byte[] content) {
        if (content.length < MAGIC.length) {
            throw notPdf();
        }
        for (int i = 0; i < MAGIC.length; i++) {
            if (content[i] != MAGIC[i]) {
                throw notPdf();
            }
        }
    }

    RenderedDeck render(byte[] content) {
        if (content.length > limits.maxBytes()) {
            throw new RequestRejectedException(
                    ErrorCode.PAYLOAD_TOO_LARGE, "A deck may be at most " + limits.maxBytes() / (1024 * 1024) + " MB");
        }
        requirePdfSignature(content);
        try (PDDocument document = Loader.loadPDF(new RandomAccessReadBuffer(content))) {
            int pageCount = document.getNumberOfPages();
            if (pageCount == 0) {
                throw new RequestRejectedException(ErrorCode.DOCUMENT_UNREADABLE, "The PDF has no pages");
            }
            if (pageCount > limits.maxPages()) {
                throw new RequestRejectedException(
                        ErrorCode.DOCUMENT_TOO_LONG,
                        "The PDF has " + pageCount + " pages; a deck may have at most " + limits.maxPages()
                                + ". Split it into several decks.");
            }
            PDFRenderer renderer = new PDFRenderer(document);
            List<Page> pages = new ArrayList<>(pageCount);
            for (int index = 0; index < pageCount; index++) {
                String text = text(document, index);
                pages.add(new Page(index + 1, titleOf(text), text, png(renderer, document.getPage(index), index)));
            }
            String documentTitle = document.getDocumentInformation() == null
                    ? null
                    : document.getDocumentInformation().getTitle();
            return new RenderedDeck(documentTitle, List.copyOf(pages));
        } catch (InvalidPasswordException e) {
            throw new RequestRejectedException(
                    ErrorCode.DOCUMENT_UNREADABLE, "The PDF is protected with a password; upload it without one");
        } catch (IOException | RuntimeException e) {
            if (e instanceof RequestRejectedException rejected) {
                throw rejected;
            }
            log.debug("Unreadable PDF upload", e);
            throw new RequestRejectedException(
                    ErrorCode.DOCUMENT_UNREADABLE, "The file could not be read as a PDF; export it again and retry");
        }
    }

    /** The first non-blank line, without control characters, at most {@code maxTitleLength} characters; "" if none. */
    String titleOf(String text) {
        if (text == null) {
            return "";
        }
        for (String line : text.split("\\R")) {
            String clean =
                    dev.lectern.events.input.FreeText.replaceRefused(line).strip();
            if (!clean.isEmpty()) {
                return truncate(clean, limits.maxTitleLength());
            }
        }
        return "";
    }

    static String truncate(String text, int max) {
        if (text.codePointCount(0, text.length()) <= max) {
            return text;
        }
        return text.substring(0, text.offsetByCodePoints(0, max)).strip();
    }

    private byte[] png(PDFRenderer renderer, PDPage page, int index) {
        try {
            PDRectangle box = page.getCropBox();
            boolean quarterTurn = page.getRotation() % 180 != 0;
            float width = quarterTurn ? box.getHeight() : box.getWidth();
            float height = quarterTurn ? box.getWidth() : box.getHeight();
            if (!(width > 0) || !(height > 0)) {
                throw new IOException("page " + (index + 1) + " has no area");
            }
            // Fit the bounding box: 1280 px wide for slides, and no absurd heights for odd page shapes.
            float scale = Math.min(limits.maxPageWidth() / width, limits.maxPageHeight() / height);
            BufferedImage image = renderer.renderImage(index, scale, ImageType.RGB);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            if (!ImageIO.write(image, "png", out)) {
                throw new IOException("no PNG writer");
            }
            return out.toByteArray();
        } catch (IOException | RuntimeException e) {
            log.info("Page {} of an uploaded deck could not be rendered; it is left out: {}", index + 1, e.toString());
            return null;
        }
    }

    private static String text(PDDocument document, int index) {
        try {
            PDFTextStripper stripper = new PDFTextStripper();
            stripper.setStartPage(index + 1);
            stripper.setEndPage(index + 1);
            return stripper.getText(document).strip();
        } catch (IOException | RuntimeException e) {
            log.info("The text of page {} of an uploaded deck could not be extracted: {}", index + 1, e.toString());
            return "";
        }
    }

    private static RequestRejectedException notPdf() {
        return new RequestRejectedException(
                ErrorCode.UNSUPPORTED_MEDIA_TYPE, "Upload the slides as a PDF (application/pdf)");
    }
}
