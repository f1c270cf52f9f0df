package dev.lectern.sagas.storage;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketAlreadyOwnedByYouException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Object storage through the AWS SDK v2 against any S3-compatible server (AWS, MinIO, the embedded
 * s3proxy). Artifacts are a degradable dependency: an unreachable store is reported by the
 * {@code objectStorage} health contributor (not part of readiness) and never stops a class.
 */
@Component("objectStorage")
class S3ObjectStorage implements ObjectStorage, HealthIndicator, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(S3ObjectStorage.class);

    private final S3Client s3;
    private final String bucket;
    private final AtomicBoolean bucketReady = new AtomicBoolean();

    S3ObjectStorage(StorageProperties properties) {
        var builder = S3Client.builder()
                              .region(Region.of(properties.region()))
                              .forcePathStyle(properties.pathStyle())
                              .httpClientBuilder(UrlConnectionHttpClient.builder()
                                                                        .connectionTimeout(Duration.ofSeconds(2))
                                                                        .socketTimeout(Duration.ofSeconds(30)));
        if (properties.endpoint() != null && !properties.endpoint().isBlank()) {
            builder.endpointOverride(URI.create(properties.endpoint()));
        }
        if (properties.accessKey() != null && !properties.accessKey().isBlank()) {
            builder.credentialsProvider(StaticCredentialsProvider.create(
                    AwsBasicCredentials.create(properties.accessKey(), properties.secretKey())));
        }
        this.s3 = builder.build();
        this.bucket = properties.bucket();
    }

    @Override
    public StoredObject put(String key, byte[] content, String contentType) {
        ensureBucket();
        PutObjectResponse response = s3.putObject(b -> b.bucket(bucket).key(key).contentType(contentType),
                RequestBody.fromBytes(content));
        return new StoredObject(bucket, key, content.length, response.eTag());
    }

    @Override
    public Optional<byte[]> get(String key) {
        ensureBucket();
        try {
            return Optional.of(s3.getObjectAsBytes(b -> b.bucket(bucket).key(key)).asByteArray());
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        }
    }

    /** Creates the bucket on first use rather than at startup: storage being down must not stop the process. */
    private void ensureBucket() {
        if (bucketReady.get()) {
            return;
        }
        try {
            s3.headBucket(b -> b.bucket(bucket));
        } catch (software.amazon.awssdk.services.s3.model.NoSuchBucketException e) {
            try {
                s3.createBucket(b -> b.bucket(bucket));
                log.info("Created object storage bucket {}", bucket);
            } catch (BucketAlreadyOwnedByYouException raced) {
                // another node created it first
            }
        }
        bucketReady.set(true);
    }

    @Override
    public Health health() {
        try {
            ensureBucket();
            return Health.up().withDetail("bucket", bucket).build();
        } catch (RuntimeException e) {
            return Health.down().withDetail("bucket", bucket).withDetail("error", e.getClass().getSimpleName()).build();
        }
    }

    @Override
    public void close() {
        s3.close();
    }
}
