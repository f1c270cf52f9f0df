package dev.lectern.query.livestate;

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
    /** Scenes, layout, decks and the current slide, the whiteboard, the call to action. */
    public Studio studio = new Studio();
    /** Chat switch, slow mode, blocked words, anonymous questions, exam mode, who is muted. */
    public Interaction interaction = new Interaction();
    /** The last {@value #CHAT_TAIL} chat messages (the full history is in the log: GET /sessions/{id}/chat). */
    public java.util.ArrayList<ChatMessage> chat = new java.util.ArrayList<>();
    /** Every question of the class, by id. */
    public TreeMap<String, QuestionItem> questions = new TreeMap<>();
    /** Every poll of the class, by id. */
    public TreeMap<String, PollItem> polls = new TreeMap<>();
    /** Global log position of the last event folded in (-1 before the first). */
    public long position = -1;
    /** When that event happened. */
    public Instant asOf;

    public static final int CHAT_TAIL = 50;

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static final class Studio {
        public SceneRef scene;
        public String layout;
        public TreeMap<String, SceneRef> scenes = new TreeMap<>();
        public TreeMap<String, Deck> decks = new TreeMap<>();
        public Slide slide;
        public Board whiteboard = new Board();
        public Cta cta;
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static final class SceneRef {
        public UUID id;
        public String name;
        public String layout;
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static final class Deck {
        public UUID id;
        public String title;
        public int pageCount;
        public int renderedPages;
        public String objectKey;
        public java.util.List<String> pageTitles;
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static final class Slide {
        public UUID deckId;
        public int page;
        public String title;
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static final class Board {
        /** Elements in drawing order (an array: JSONB keeps array order, not object key order). */
        public java.util.ArrayList<BoardElement> elements = new java.util.ArrayList<>();
        /** Number of whiteboard batches folded in (clients compare to know they are up to date). */
        public long version;
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static final class BoardElement {
        public String id;
        public String type;
        public String shape;
        public String color;
        public Double width;
        public java.util.List<Double> points;
        public String text;
        public UUID author;
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static final class Cta {
        public UUID id;
        public String label;
        public String url;
        /** Where clients get its QR code; if that fails they show the label and the link (the static CTA). */
        public String qr;
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static final class Interaction {
        public boolean chatEnabled = true;
        public int slowModeSeconds;
        public java.util.List<String> blockedWords = new java.util.ArrayList<>();
        public boolean anonymousQuestions;
        public boolean examMode;
        public TreeSet<String> muted = new TreeSet<>();
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static final class ChatMessage {
        public UUID messageId;
        public UUID userId;
        public String classRole;
        /** The author's name when they posted (docs/adr/0027); absent for messages from before names. */
        public String displayName;

        public String text;
        /** Always text/plain: the text is exactly what was written; clients escape it. */
        public String format = "text/plain";

        public Instant postedAt;
        public boolean hidden;
        public boolean deleted;
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static final class QuestionItem {
        public UUID questionId;
        public UUID userId;
        public String text;
        public boolean anonymous;
        public Instant askedAt;
        public int upvotes;
        public TreeSet<String> upvoters = new TreeSet<>();
        /** open, answered (still in the queue until resolved), resolved, dismissed. */
        public String status;

        public Answer answer;
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static final class Answer {
        public String text;
        public boolean live;
        public String by;
        public Instant at;
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static final class PollItem {
        public UUID pollId;
        public String question;
        public java.util.List<String> options;
        public boolean multipleChoice;
        public boolean allowChange;
        public boolean showLiveResults;
        public java.util.List<Integer> correctOptions;
        /** draft, open, closed, published. */
        public String status;

        public java.util.List<Long> counts;
        public long ballots;
        /** Each voter's current choice (to apply changed ballots); never shown to anyone. */
        public TreeMap<String, java.util.List<Integer>> choices = new TreeMap<>();
    }

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
        /** Their name when they joined (docs/adr/0027); absent for joins from before names. */
        public String displayName;

        public String classRole;
        public boolean present;
        public Instant joinedAt;
        public Instant leftAt;
        public boolean revoked;
        public String revokedReason;
        public TreeSet<String> permissions = new TreeSet<>();
    }
}
