package dev.lectern.query.projection;

import java.nio.ByteBuffer;

/** BYTEA columns (payloads, metadata, tokens) as R2DBC hands them over, turned into arrays for Axon's serializer. */
public final class StoredBytes {

    private StoredBytes() {}

    /** The buffer's remaining bytes, or null for SQL NULL. */
    public static byte[] of(ByteBuffer buffer) {
        if (buffer == null) {
            return null;
        }
        byte[] data = new byte[buffer.remaining()];
        buffer.get(data);
        return data;
    }
}
