package dev.lectern.sagas.storage;

import dev.lectern.events.storage.ObjectStorage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketAlreadyOwnedByYouException;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

import java.net.URI;
import java.net.URL;
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
    private final S3Presigner presigner;
    private final String bucket;
    private final AtomicBoolean bucketReady = new AtomicBoolean();

    S3ObjectStorage(StorageProperties properties) {
        Region region = Region.of(properties.region());
        AwsCredentialsProvider credentials = properties.accessKey() != null && !properties.accessKey().isBlank()
                ? StaticCredentialsProvider.create(AwsBasicCredentials.create(properties.accessKey(), properties.secretKey()))
                : DefaultCredentialsProvider.builder().build();
        URI endpoint = properties.endpoint() != null && !properties.endpoint().isBlank()
                ? URI.create(properties.endpoint()) : null;
        var builder = S3Client.builder()
                              .region(region)
                              .credentialsProvider(credentials)
                              .forcePathStyle(properties.pathStyle())
                              .httpClientBuilder(UrlConnectionHttpClient.builder()
                                                                        .connectionTimeout(Duration.ofSeconds(2))
                                                                        .socketTimeout(Duration.ofSeconds(30)));
        // The presigner signs for the same server, credentials and addressing style as the client, so that
        // a signed link points where the object was put.
        var presignerBuilder = S3Presigner.builder()
                                          .region(region)
                                          .credentialsProvider(credentials)
                                          .serviceConfiguration(S3Configuration.builder()
                                                                               .pathStyleAccessEnabled(properties.pathStyle())
                                                                               .build());
        if (endpoint != null) {
            builder.endpointOverride(endpoint);
            presignerBuilder.endpointOverride(endpoint);
        }
        this.s3 = builder.build();
        this.presigner = presignerBuilder.build();
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

    @Override
    public boolean exists(String key) {
        ensureBucket();
        try {
            s3.headObject(b -> b.bucket(bucket).key(key));
            return true;
        } catch (NoSuchKeyException e) {
            return false;
        }
    }

    @Override
    public void delete(String key) {
        ensureBucket();
        s3.deleteObject(b -> b.bucket(bucket).key(key));
    }

    @Override
    public URL presignedGet(String key, Duration ttl) {
        return presigner.presignGetObject(p -> p.signatureDuration(ttl).getObjectRequest(g -> g.bucket(bucket).key(key)))
                        .url();
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
        presigner.close();
        s3.close();
    }
}
