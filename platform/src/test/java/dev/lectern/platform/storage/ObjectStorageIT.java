package dev.lectern.platform.storage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lectern.events.storage.ObjectStorage;
import dev.lectern.platform.support.PlatformIT;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;

/** Object storage goes through the AWS SDK to a real S3-compatible server (s3proxy here, MinIO or AWS elsewhere). */
class ObjectStorageIT extends PlatformIT {

    @Autowired
    ObjectStorage storage;

    @Autowired
    Environment environment;

    @Test
    void objectsRoundTripThroughTheS3Api() {
        String key = "it/" + UUID.randomUUID() + "/transcript.txt";
        byte[] content = "Good morning, class.".getBytes(StandardCharsets.UTF_8);

        ObjectStorage.StoredObject stored = storage.put(key, content, "text/plain");
        ObjectStorage.StoredObject again = storage.put(key, content, "text/plain");

        assertThat(stored.size()).isEqualTo(content.length);
        assertThat(again.etag()).isEqualTo(stored.etag());
        assertThat(storage.get(key)).hasValue(content);
        assertThat(storage.get("it/missing/" + UUID.randomUUID())).isEmpty();
        assertThat(environment.getProperty("lectern.s3.endpoint")).startsWith("http");
    }
}
