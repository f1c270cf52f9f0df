package dev.lectern.query.live;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;

/**
 * The live state of one class, as folded from its events by {@link ClassStateReducer}: the same
 * object is stored by the live projection ({@code live_state.state}), answered by
 * {@code GET /sessions/{id}/state}, rebuilt by a replay and computed for any past moment
 * ({@code ?at=}). Unredacted; {@link ClassStateView} decides what each viewer sees. Field names are
 * part of the public API (docs/live-state.md).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public final class ClassState {

    public UUID sessionId;
    public String tenantId;
    public String title;
    /** scheduled, live, ended, cancelled. */
    public String status;
    /** The teacher who owns the class. */
    public UUID owner;
    public UUID courseId;
    public UUID lessonId;
    public Timing timing = new Timing();
    public Media media = new Media();
    /** Everyone who joined, by user id (sorted, so that the stored document is deterministic). */
    public TreeMap<String, Participant> roster = new TreeMap<>();
    /** Global log position of the last event folded in (-1 before the first). */
    public long position = -1;
    /** When that event happened. */
    public Instant asOf;

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static final class Timing {
        public Instant startsAt;
        public Integer durationMinutes;
        public Instant scheduledAt;
        public Instant startedAt;
        public Instant endedAt;
        public Instant cancelledAt;
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static final class Media {
        /** The media room while live (null when media is off). */
        public String room;
        public boolean recordingEnabled;
        public Recording recording;
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static final class Recording {
        public String id;
        /** recording, complete, failed, timed_out. */
        public String status;
        public String location;
        public Long sizeBytes;
        public Long durationSeconds;
        public String error;
        public Instant finalizedAt;
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static final class Participant {
        public UUID userId;
        public String subject;
        public String classRole;
        public boolean present;
        public Instant joinedAt;
        public Instant leftAt;
        public boolean revoked;
        public String revokedReason;
        public TreeSet<String> permissions = new TreeSet<>();
    }
}
