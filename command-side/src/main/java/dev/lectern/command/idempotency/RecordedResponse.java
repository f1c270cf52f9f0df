package dev.lectern.command.idempotency;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * The response of a successful write, kept byte for byte so that a retry gets exactly what the
 * first attempt got. {@code replayed} is true when it came from the store.
 */
public record RecordedResponse(int status, String location, String contentType, byte[] body, boolean replayed) {

    public static final String REPLAYED_HEADER = "Idempotent-Replayed";

    public ResponseEntity<byte[]> toResponseEntity() {
        HttpHeaders headers = new HttpHeaders();
        if (location != null) {
            headers.set(HttpHeaders.LOCATION, location);
        }
        headers.setContentType(MediaType.parseMediaType(contentType));
        headers.set(REPLAYED_HEADER, Boolean.toString(replayed));
        return ResponseEntity.status(status).headers(headers).body(body);
    }
}
