package dev.lectern.query.studio;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.client.j2se.MatrixToImageWriter;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * A QR code as a PNG, with ZXing. Error correction M (15 %) holds a 2,000-character link and survives a
 * projector's glare; a 4-module quiet zone as the standard asks. A link that does not fit a QR code
 * fails with {@link QrCodeUnavailableException}: clients then show the link as text.
 */
final class QrCodes {

    static final int SIZE = 512;

    private QrCodes() {}

    static byte[] png(String content) throws QrCodeUnavailableException {
        try {
            BitMatrix matrix = new QRCodeWriter()
                    .encode(
                            content,
                            BarcodeFormat.QR_CODE,
                            SIZE,
                            SIZE,
                            Map.of(
                                    EncodeHintType.ERROR_CORRECTION,
                                    ErrorCorrectionLevel.M,
                                    EncodeHintType.CHARACTER_SET,
                                    StandardCharsets.UTF_8.name(),
                                    EncodeHintType.MARGIN,
                                    4));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            MatrixToImageWriter.writeToStream(matrix, "png", out);
            return out.toByteArray();
        } catch (WriterException | IOException | RuntimeException e) {
            throw new QrCodeUnavailableException(e);
        }
    }

    static final class QrCodeUnavailableException extends Exception {
        QrCodeUnavailableException(Throwable cause) {
            super("The QR code could not be generated", cause);
        }
    }
}
