package dev.lectern.sagas.storage;

import java.util.Optional;

/** The port through which sagas keep and fetch large objects (recordings, transcripts, artifacts). */
public interface ObjectStorage {

    /** Stores {@code content} under {@code key}; writing the same key again replaces it (idempotent per step). */
    StoredObject put(String key, byte[] content, String contentType);

    Optional<byte[]> get(String key);

    /** Where an object lives, as recorded in events such as {@code recording.finalized}. */
    record StoredObject(String bucket, String key, long size, String etag) {
    }
}
