package dev.lectern.sagas.storage;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;

/**
 * Object storage (recordings, transcripts, artifacts). Bound from {@code S3_ENDPOINT},
 * {@code S3_ACCESS_KEY}, {@code S3_SECRET_KEY}, {@code S3_BUCKET}, {@code S3_REGION}; the platform
 * fills them with an embedded S3-compatible server when {@code S3_ENDPOINT} is not set.
 * {@code S3_CALL_TIMEOUT} bounds every call including its retries (a hung store answers 503, not
 * after minutes), {@code S3_PROBE_TIMEOUT} the health probe's call (docs/adr/0017).
 */
@ConfigurationProperties("lectern.s3")
public record StorageProperties(
        String endpoint,
        String accessKey,
        String secretKey,
        String bucket,
        String region,
        boolean pathStyle,
        Duration callTimeout,
        Duration probeTimeout) {

    @ConstructorBinding
    public StorageProperties {
        callTimeout = callTimeout == null ? Duration.ofSeconds(10) : callTimeout;
        probeTimeout = probeTimeout == null ? Duration.ofSeconds(2) : probeTimeout;
        bucket = bucket == null || bucket.isBlank() ? "lectern-artifacts" : bucket;
        region = region == null || region.isBlank() ? "us-east-1" : region;
    }

    public StorageProperties(
            String endpoint, String accessKey, String secretKey, String bucket, String region, boolean pathStyle) {
        this(endpoint, accessKey, secretKey, bucket, region, pathStyle, null, null);
    }
}
