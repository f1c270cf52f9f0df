package dev.lectern.sagas.storage;

import dev.lectern.events.storage.ObjectStorage;
import java.net.URI;
import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.model.BucketAlreadyOwnedByYouException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * Object storage through the AWS SDK v2 against any S3-compatible server (AWS, MinIO, the embedded
 * s3proxy). Artifacts are a degradable dependency: an unreachable store is reported by the
 * {@code objectStorage} health component (not part of readiness) and never stops a class. Every call
 * is bounded by {@code lectern.s3.call-timeout}; the outcome of the latest call (or probe) is kept for
 * that component, so that failing uploads turn it DEGRADED at once (docs/adr/0017).
 */
@Component("objectStorage")
class S3ObjectStorage implements ObjectStorage, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(S3ObjectStorage.class);

    private final S3Client s3;
    private final S3Presigner presigner;
    private final String bucket;
    private final Duration probeTimeout;
    private final AtomicBoolean bucketReady = new AtomicBoolean();
    private volatile Availability availability;

    S3ObjectStorage(StorageProperties properties) {
        Region region = Region.of(properties.region());
        AwsCredentialsProvider credentials =
                properties.accessKey() != null && !properties.accessKey().isBlank()
                        ? StaticCredentialsProvider.create(
                                AwsBasicCredentials.create(properties.accessKey(), properties.secretKey()))
                        : DefaultCredentialsProvider.builder().build();
        URI endpoint = properties.endpoint() != null && !properties.endpoint().isBlank()
                ? URI.create(properties.endpoint())
                : null;
        var builder = S3Client.builder()
                .region(region)
                .credentialsProvider(credentials)
                .forcePathStyle(properties.pathStyle())
                .overrideConfiguration(
                        o -> o.apiCallTimeout(properties.callTimeout()).apiCallAttemptTimeout(properties.callTimeout()))
                .httpClientBuilder(UrlConnectionHttpClient.builder()
                        .connectionTimeout(Duration.ofSeconds(2))
                        .socketTimeout(properties.callTimeout()));
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
        this.probeTimeout = properties.probeTimeout();
    }

    /** Runs a call to the store and remembers whether it worked. */
    private <T> T call(Supplier<T> call) {
        try {
            T result = call.get();
            availability = new Availability(true, Instant.now(), null);
            return result;
        } catch (SdkException e) {
            if (e instanceof software.amazon.awssdk.services.s3.model.S3Exception answered
                    && answered.statusCode() == 404) {
                // The store answered: what is missing is the object (or a bucket not created yet), not the store.
                availability = new Availability(true, Instant.now(), null);
                throw e;
            }
            availability = new Availability(
                    false,
                    Instant.now(),
                    e.getClass().getSimpleName() + ": "
                            + String.valueOf(e.getMessage()).lines().findFirst().orElse(""));
            throw e;
        }
    }

    @Override
    public void probe() {
        try {
            call(() -> s3.headBucket(b -> b.bucket(bucket)
                    .overrideConfiguration(o -> o.apiCallTimeout(probeTimeout).apiCallAttemptTimeout(probeTimeout))));
        } catch (software.amazon.awssdk.services.s3.model.NoSuchBucketException notYet) {
            // the store answers; the bucket is created on first use
        }
    }

    @Override
    public Availability availability() {
        return availability;
    }

    @Override
    public StoredObject put(String key, byte[] content, String contentType) {
        ensureBucket();
        PutObjectResponse response = call(() ->
                s3.putObject(b -> b.bucket(bucket).key(key).contentType(contentType), RequestBody.fromBytes(content)));
        return new StoredObject(bucket, key, content.length, response.eTag());
    }

    @Override
    public Optional<byte[]> get(String key) {
        ensureBucket();
        try {
            return Optional.of(
                    call(() -> s3.getObjectAsBytes(b -> b.bucket(bucket).key(key)))
                            .asByteArray());
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        }
    }

    @Override
    public boolean exists(String key) {
        ensureBucket();
        try {
            call(() -> s3.headObject(b -> b.bucket(bucket).key(key)));
            return true;
        } catch (NoSuchKeyException e) {
            return false;
        }
    }

    @Override
    public void delete(String key) {
        ensureBucket();
        call(() -> s3.deleteObject(b -> b.bucket(bucket).key(key)));
    }

    @Override
    public URL presignedGet(String key, Duration ttl) {
        return presigner
                .presignGetObject(p -> p.signatureDuration(ttl)
                        .getObjectRequest(g -> g.bucket(bucket).key(key)))
                .url();
    }

    /** Creates the bucket on first use rather than at startup: storage being down must not stop the process. */
    private void ensureBucket() {
        if (bucketReady.get()) {
            return;
        }
        try {
            call(() -> s3.headBucket(b -> b.bucket(bucket)));
        } catch (software.amazon.awssdk.services.s3.model.NoSuchBucketException e) {
            try {
                call(() -> s3.createBucket(b -> b.bucket(bucket)));
                log.info("Created object storage bucket {}", bucket);
            } catch (BucketAlreadyOwnedByYouException raced) {
                // another node created it first
            }
        }
        bucketReady.set(true);
    }

    @Override
    public void close() {
        presigner.close();
        s3.close();
    }
}
