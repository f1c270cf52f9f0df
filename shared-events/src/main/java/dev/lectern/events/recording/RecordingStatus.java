package dev.lectern.events.recording;

/**
 * Where a class recording stands on the media plane. {@code state} is {@code active} (still
 * recording or uploading), {@code complete} (the file is in object storage at {@code location}) or
 * {@code failed}.
 */
public record RecordingStatus(String state, String location, long sizeBytes, long durationSeconds, String error) {

    public static final String ACTIVE = "active";
    public static final String COMPLETE = "complete";
    public static final String FAILED = "failed";

    public boolean settled() {
        return !ACTIVE.equals(state);
    }
}
