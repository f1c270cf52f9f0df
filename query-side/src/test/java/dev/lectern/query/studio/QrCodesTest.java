package dev.lectern.query.studio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class QrCodesTest {

    @Test
    void theCodeDecodesBackToTheLink() throws Exception {
        String url = "https://example.org/worksheet?class=7b&lang=fr#page=2";

        assertThat(decode(QrCodes.png(url))).isEqualTo(url);
    }

    @Test
    void aLinkOfTheMaximumLengthStillFits() throws Exception {
        String url = "https://example.org/" + "a".repeat(2000 - "https://example.org/".length());

        assertThat(decode(QrCodes.png(url))).isEqualTo(url);
    }

    @Test
    void contentTooLargeForAQrCodeFailsSoThatClientsShowTheLink() {
        String huge = "https://example.org/" + "\u00e9".repeat(3000);

        assertThatThrownBy(() -> QrCodes.png(huge)).isInstanceOf(QrCodes.QrCodeUnavailableException.class);
    }

    static String decode(byte[] png) throws Exception {
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        assertThat(image.getWidth()).isEqualTo(QrCodes.SIZE);
        BinaryBitmap bitmap = new BinaryBitmap(new HybridBinarizer(new BufferedImageLuminanceSource(image)));
        return new QRCodeReader()
                .decode(bitmap, Map.of(DecodeHintType.PURE_BARCODE, Boolean.TRUE))
                .getText();
    }
}
