package dev.lectern.command.studio;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.encryption.AccessPermission;
import org.apache.pdfbox.pdmodel.encryption.StandardProtectionPolicy;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;

/** Small PDFs made with PDFBox itself: one page per entry, each line of the entry a line of text. */
final class TestPdfs {

    static final PDRectangle SLIDE = new PDRectangle(960, 540);

    private TestPdfs() {}

    static byte[] slides(List<List<String>> pages) throws IOException {
        return write(pages, null, SLIDE);
    }

    static byte[] withPassword(List<List<String>> pages, String password) throws IOException {
        return write(pages, password, SLIDE);
    }

    static byte[] write(List<List<String>> pages, String userPassword, PDRectangle size) throws IOException {
        try (PDDocument document = new PDDocument()) {
            PDType1Font font = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
            for (List<String> lines : pages) {
                PDPage page = new PDPage(size);
                document.addPage(page);
                try (PDPageContentStream content = new PDPageContentStream(document, page)) {
                    content.beginText();
                    content.setFont(font, 24);
                    content.newLineAtOffset(48, size.getHeight() - 72);
                    for (String line : lines) {
                        content.showText(line);
                        content.newLineAtOffset(0, -32);
                    }
                    content.endText();
                }
            }
            if (userPassword != null) {
                StandardProtectionPolicy policy =
                        new StandardProtectionPolicy("owner-" + userPassword, userPassword, new AccessPermission());
                policy.setEncryptionKeyLength(128);
                document.protect(policy);
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            document.save(out);
            return out.toByteArray();
        }
    }
}
