package dev.lectern.sagas.storage;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Object storage (recordings, transcripts, artifacts). Bound from {@code S3_ENDPOINT},
 * {@code S3_ACCESS_KEY}, {@code S3_SECRET_KEY}, {@code S3_BUCKET}, {@code S3_REGION}; the platform
 * fills them with an embedded S3-compatible server when {@code S3_ENDPOINT} is not set.
 */
@ConfigurationProperties("lectern.s3")
public record StorageProperties(String endpoint, String accessKey, String secretKey, String bucket, String region,
                                boolean pathStyle) {

    public StorageProperties {
        bucket = bucket == null || bucket.isBlank() ? "lectern-artifacts" : bucket;
        region = region == null || region.isBlank() ? "us-east-1" : region;
    }
}
