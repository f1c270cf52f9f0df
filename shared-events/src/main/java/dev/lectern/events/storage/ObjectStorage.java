package dev.lectern.events.storage;

import java.net.URL;
import java.time.Duration;
import java.util.Optional;

/**
 * The port to object storage (recordings, transcripts, artifacts, slide decks). A plain interface in
 * shared-events, like {@link dev.lectern.events.media.MediaPlane}: the command side stores uploaded
 * decks, the query side signs links to them and the sagas keep artifacts, and none of them may import
 * another. The S3 adapter lives in artifact-sagas.
 */
public interface ObjectStorage {

    /** Stores {@code content} under {@code key}; writing the same key again replaces it (idempotent per step). */
    StoredObject put(String key, byte[] content, String contentType);

    Optional<byte[]> get(String key);

    /** Whether an object is stored under {@code key} (a metadata request, not a download). */
    boolean exists(String key);

    /** Removes the object; removing what is not there is fine. */
    void delete(String key);

    /**
     * A link anyone holding it can GET the object with until {@code ttl} has passed; signed locally,
     * no network call. The object need not exist (the link then answers 404).
     */
    URL presignedGet(String key, Duration ttl);

    /**
     * One cheap authenticated round trip to the store (the bucket is there and ours), with a short
     * timeout of its own; throws when the store cannot be used. For health probes.
     */
    void probe();

    /** The outcome of the latest call to the store (an operation or a probe); null before the first one. */
    Availability availability();

    /** Whether the latest call to the store worked, when, and if not, why (type and message, no stack). */
    record Availability(boolean available, java.time.Instant at, String error) {}

    /** Where an object lives, as recorded in events such as {@code recording.finalized}. */
    record StoredObject(String bucket, String key, long size, String etag) {}
}
