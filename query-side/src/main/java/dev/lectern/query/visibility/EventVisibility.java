package dev.lectern.query.visibility;

import static dev.lectern.query.visibility.Audience.AUDITOR;
import static dev.lectern.query.visibility.Audience.PUBLIC;
import static dev.lectern.query.visibility.Audience.STAFF;
import static dev.lectern.query.visibility.Audience.STUDENT;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Who sees what of every event: for each public event name, per {@link Audience}, either "not shown"
 * or an allowlist of payload fields (each with its {@link When}), and whether the event itself is
 * shown only under a condition. Every stream event, every entry of the raw log and, through
 * {@link StateVisibility}, every derived view is rendered from here (docs/adr/0015).
 *
 * <p>An event with no rule is private: auditors read it as stored, nobody else sees it. A field not on
 * an allowlist is not shown, so a field added to an event stays private until someone lists it here.
 * Auditors always read payloads and metadata as stored.
 */
public final class EventVisibility {

    /** The running tally of a poll: not a stored event, made by the live-state projector from ballots. */
    public static final String TALLY = "poll.tally";

    /** Metadata keys the class's staff see in the raw log (the idempotency key stays with auditors). */
    public static final Set<String> STAFF_METADATA = Set.of("requestId", "actor", "traceId", "correlationId");

    private static final Map<String, Map<Audience, Rule>> RULES = new LinkedHashMap<>();

    static {
        // Session
        declare(
                        "session.scheduled",
                        "sessionId tenantId title startsAt durationMinutes recordingEnabled scheduledAt "
                                + "scheduledBy lessonId courseId")
                .staff(all())
                .student(all())
                .publicViewer(allBut("scheduledBy"));
        declare("session.rescheduled", "sessionId tenantId title startsAt durationMinutes rescheduledBy rescheduledAt")
                .staff(all())
                .student(allBut("rescheduledBy"))
                .publicViewer(allBut("rescheduledBy"));
        declare("session.cancelled", "sessionId tenantId cancelledBy reason cancelledAt")
                .staff(all())
                .student(allBut("cancelledBy"))
                .publicViewer(allBut("cancelledBy"));
        declare("session.started", "sessionId tenantId startedBy mediaRoom recordingId startedAt")
                .staff(all())
                .student(allBut("startedBy"))
                .publicViewer(allBut("startedBy"));
        declare("session.ended", "sessionId tenantId endedBy endedAt")
                .staff(all())
                .student(allBut("endedBy"))
                .publicViewer(allBut("endedBy"));
        declare("participant.joined", "sessionId tenantId userId subject classRole joinedAt displayName")
                .staff(all())
                .student(all().where("subject", When.OWN))
                .publicViewer(notShown());
        declare("participant.left", "sessionId tenantId userId leftAt")
                .staff(all())
                .student(all())
                .publicViewer(notShown());
        declare("participant.revoked", "sessionId tenantId userId revokedBy reason revokedAt")
                .staff(all())
                .student(only("sessionId userId revokedAt"))
                .publicViewer(notShown());
        declare("permission.granted", "sessionId tenantId userId permission grantedBy reason grantedAt")
                .staff(all())
                .student(only("sessionId userId permission grantedAt"))
                .publicViewer(notShown());
        declare("permission.revoked", "sessionId tenantId userId permission revokedBy reason revokedAt")
                .staff(all())
                .student(only("sessionId userId permission revokedAt"))
                .publicViewer(notShown());
        declare("participant.muted", "sessionId tenantId userId mutedBy reason mutedAt")
                .staff(all())
                .student(allBut("mutedBy").when(When.OWN))
                .publicViewer(notShown());
        declare("participant.unmuted", "sessionId tenantId userId unmutedBy unmutedAt")
                .staff(all())
                .student(allBut("unmutedBy").when(When.OWN))
                .publicViewer(notShown());
        declare(
                        "recording.finalized",
                        "sessionId tenantId recordingId status location sizeBytes durationSeconds error "
                                + "finalizedAt")
                .staff(all())
                .student(only("sessionId recordingId status durationSeconds finalizedAt"))
                .publicViewer(only("sessionId recordingId status durationSeconds finalizedAt"));
        // Studio
        declare("scene.changed", "sessionId tenantId sceneId name layout changedBy changedAt")
                .staff(all())
                .student(allBut("changedBy"))
                .publicViewer(allBut("changedBy"));
        declare("layout.changed", "sessionId tenantId layout changedBy changedAt")
                .staff(all())
                .student(allBut("changedBy"))
                .publicViewer(allBut("changedBy"));
        declare(
                        "deck.added",
                        "sessionId tenantId deckId title pageCount renderedPages objectKey pageTitles addedBy addedAt")
                .staff(all())
                .student(allBut("objectKey addedBy"))
                .publicViewer(allBut("objectKey addedBy"));
        declare("slide.changed", "sessionId tenantId deckId page changedBy changedAt")
                .staff(all())
                .student(allBut("changedBy"))
                .publicViewer(allBut("changedBy"));
        declare("whiteboard.updated", "sessionId tenantId batchId userId ops updatedAt")
                .staff(all())
                .student(all())
                .publicViewer(allBut("userId"));
        declare("cta.shown", "sessionId tenantId ctaId label url shownBy shownAt")
                .staff(all())
                .student(allBut("shownBy"))
                .publicViewer(allBut("shownBy"));
        declare("cta.hidden", "sessionId tenantId ctaId hiddenBy hiddenAt")
                .staff(all())
                .student(allBut("hiddenBy"))
                .publicViewer(allBut("hiddenBy"));
        declare("scene.created", "sceneId sessionId tenantId name layout owner createdBy createdAt")
                .staff(all())
                .student(allBut("owner createdBy"))
                .publicViewer(allBut("owner createdBy"));
        declare("scene.updated", "sceneId sessionId tenantId name layout updatedBy updatedAt")
                .staff(all())
                .student(allBut("updatedBy"))
                .publicViewer(allBut("updatedBy"));
        declare("scene.deleted", "sceneId sessionId tenantId deletedBy deletedAt")
                .staff(all())
                .student(allBut("deletedBy"))
                .publicViewer(allBut("deletedBy"));
        // Interaction: chat, settings
        declare("chat.posted", "sessionId tenantId messageId userId classRole text postedAt displayName")
                .staff(all().where("text", When.NOT_DELETED))
                .student(all().where("text", When.NOT_DELETED))
                .publicViewer(notShown());
        declare("chat.hidden", "sessionId tenantId messageId hiddenBy reason hiddenAt")
                .staff(all())
                .student(only("sessionId messageId hiddenAt"))
                .publicViewer(notShown());
        declare("chat.deleted", "sessionId tenantId messageId deletedBy reason deletedAt")
                .staff(all())
                .student(only("sessionId messageId deletedAt"))
                .publicViewer(notShown());
        declare(
                        "interaction.settings_changed",
                        "sessionId tenantId chatEnabled slowModeSeconds blockedWords "
                                + "anonymousQuestions changedBy changedAt")
                .staff(all())
                .student(only("sessionId chatEnabled slowModeSeconds anonymousQuestions changedAt"))
                .publicViewer(only("sessionId chatEnabled slowModeSeconds anonymousQuestions changedAt"));
        declare("exam_mode.changed", "sessionId tenantId enabled changedBy changedAt")
                .staff(all())
                .student(allBut("changedBy"))
                .publicViewer(allBut("changedBy"));
        // Questions
        declare("question.asked", "questionId sessionId tenantId userId text anonymous askedAt")
                .staff(all())
                .student(all().where("userId", When.NOT_ANONYMOUS_OR_OWN))
                .publicViewer(allBut("userId"));
        declare("question.upvoted", "questionId sessionId tenantId userId upvotedAt")
                .staff(all())
                .student(only("sessionId questionId upvotedAt"))
                .publicViewer(only("sessionId questionId upvotedAt"));
        declare("question.answered", "questionId sessionId tenantId answeredBy text live answeredAt")
                .staff(all())
                .student(allBut("answeredBy"))
                .publicViewer(allBut("answeredBy"));
        declare("question.resolved", "questionId sessionId tenantId resolvedBy resolvedAt")
                .staff(all())
                .student(allBut("resolvedBy"))
                .publicViewer(allBut("resolvedBy"));
        declare("question.dismissed", "questionId sessionId tenantId dismissedBy reason dismissedAt")
                .staff(all())
                .student(only("sessionId questionId dismissedAt"))
                .publicViewer(only("sessionId questionId dismissedAt"));
        // Polls. Ballots are never shown per person to a class audience: they reach streams as poll.tally.
        declare(
                        "poll.created",
                        "pollId sessionId tenantId question options multipleChoice allowChange showLiveResults "
                                + "correctOptions createdBy createdAt owner")
                .staff(all())
                .student(allBut("correctOptions createdBy owner"))
                .publicViewer(allBut("correctOptions createdBy owner"));
        declare("poll.opened", "pollId sessionId tenantId openedBy openedAt")
                .staff(all())
                .student(allBut("openedBy"))
                .publicViewer(allBut("openedBy"));
        declare("poll.closed", "pollId sessionId tenantId closedBy closedAt")
                .staff(all())
                .student(allBut("closedBy"))
                .publicViewer(allBut("closedBy"));
        declare("poll.results_published", "pollId sessionId tenantId counts ballots publishedBy publishedAt")
                .staff(all())
                .student(allBut("publishedBy"))
                .publicViewer(allBut("publishedBy"));
        declare("poll.vote_cast", "pollId sessionId tenantId userId options castAt")
                .staff(notShown())
                .student(notShown())
                .publicViewer(notShown());
        declare("poll.vote_changed", "pollId sessionId tenantId userId options changedAt")
                .staff(notShown())
                .student(notShown())
                .publicViewer(notShown());
        declare(TALLY, "sessionId pollId counts ballots showLiveResults status")
                .staff(all())
                .student(all().when(When.RESULTS_VISIBLE))
                .publicViewer(all().when(When.RESULTS_VISIBLE));
    }

    private EventVisibility() {}

    /**
     * What one audience sees of one event: not shown at all ({@code shown} false), the payload as stored
     * ({@code asStored}: auditors), or the listed fields, each under its condition, when {@code when} holds.
     */
    public record Rule(boolean shown, boolean asStored, When when, Map<String, When> fields) {

        static final Rule HIDDEN = new Rule(false, false, When.ALWAYS, Map.of());
        static final Rule AS_STORED = new Rule(true, true, When.ALWAYS, Map.of());
    }

    /** The rule for {@code name} and {@code audience}: the declared one, else private (auditors only). */
    public static Rule rule(String name, Audience audience) {
        Rule declared = declared(name, audience).orElse(null);
        if (declared != null) {
            return declared;
        }
        return audience == AUDITOR ? Rule.AS_STORED : Rule.HIDDEN;
    }

    /** The declared rule, if any (the catalogue test requires one for every event and audience). */
    public static Optional<Rule> declared(String name, Audience audience) {
        Map<Audience, Rule> rules = RULES.get(name);
        return Optional.ofNullable(rules == null ? null : rules.get(audience));
    }

    /** Every declared event name, in declaration order. */
    public static Set<String> names() {
        return Collections.unmodifiableSet(RULES.keySet());
    }

    /** The payload {@code audience} sees, or empty when this event is not shown to them. */
    public static Optional<JsonNode> payload(String name, JsonNode payload, Audience audience, When.Context context) {
        Rule rule = rule(name, audience);
        if (!rule.shown() || !rule.when().holds(payload, context)) {
            return Optional.empty();
        }
        if (rule.asStored()) {
            return Optional.of(payload);
        }
        ObjectNode shown = payload.deepCopy();
        List<String> present = new ArrayList<>();
        shown.fieldNames().forEachRemaining(present::add);
        for (String field : present) {
            When condition = rule.fields().get(field);
            if (condition == null || !condition.holds(payload, context)) {
                shown.remove(field);
            }
        }
        return Optional.of(shown);
    }

    /** The metadata {@code audience} sees of a stored event: auditors as stored, staff the listed keys, others none. */
    public static Optional<JsonNode> metadata(JsonNode metadata, Audience audience) {
        if (audience == AUDITOR) {
            return Optional.of(metadata);
        }
        if (audience != STAFF || !(metadata instanceof ObjectNode object)) {
            return Optional.empty();
        }
        ObjectNode shown = object.deepCopy();
        shown.retain(STAFF_METADATA);
        return Optional.of(shown);
    }

    /** The rules as a Markdown table (docs/live-state.md embeds it; a test keeps the two equal). */
    public static String markdownTable() {
        StringBuilder table = new StringBuilder("| Event | Staff | Student | Public viewer |\n|---|---|---|---|\n");
        for (String name : RULES.keySet()) {
            table.append("| `").append(name).append('`');
            for (Audience audience : List.of(STAFF, STUDENT, PUBLIC)) {
                table.append(" | ").append(describe(name, rule(name, audience)));
            }
            table.append(" |\n");
        }
        return table.toString();
    }

    /** One cell of the table: "not shown", the staff's field list, or a student's/viewer's relative to it. */
    private static String describe(String name, Rule rule) {
        if (!rule.shown()) {
            return "not shown";
        }
        StringBuilder text = new StringBuilder();
        if (rule.when() != When.ALWAYS) {
            text.append('*').append(rule.when().description()).append(":* ");
        }
        Set<String> staff = rule(name, STAFF).fields().keySet();
        Set<String> shown = rule.fields().keySet();
        if (rule != rule(name, STAFF) && staff.containsAll(shown) && shown.size() > staff.size() / 2) {
            Set<String> left = new LinkedHashSet<>(staff);
            left.removeAll(shown);
            text.append(left.isEmpty() ? "all" : "all but " + quoted(left));
        } else {
            text.append(quoted(shown));
        }
        rule.fields().forEach((field, condition) -> {
            if (condition != When.ALWAYS) {
                text.append("; `").append(field).append("` ").append(condition.description());
            }
        });
        return text.toString();
    }

    private static String quoted(Set<String> fields) {
        return String.join(", ", fields.stream().map(f -> "`" + f + "`").toList());
    }

    // --- declaration helpers -------------------------------------------------------------------

    private static Spec notShown() {
        return new Spec(null, Set.of(), Map.of(), When.ALWAYS, true);
    }

    private static Spec all() {
        return new Spec(null, Set.of(), Map.of(), When.ALWAYS, false);
    }

    private static Spec allBut(String fields) {
        return new Spec(null, words(fields), Map.of(), When.ALWAYS, false);
    }

    private static Spec only(String fields) {
        return new Spec(words(fields), Set.of(), Map.of(), When.ALWAYS, false);
    }

    private static Set<String> words(String text) {
        return new LinkedHashSet<>(Arrays.asList(text.trim().split("\\s+")));
    }

    /** An audience's allowlist before it is resolved against the event's declared fields. */
    private record Spec(
            Set<String> include, Set<String> exclude, Map<String, When> conditions, When when, boolean hidden) {

        Spec where(String field, When condition) {
            Map<String, When> more = new LinkedHashMap<>(conditions);
            more.put(field, condition);
            return new Spec(include, exclude, more, when, hidden);
        }

        Spec when(When condition) {
            return new Spec(include, exclude, conditions, condition, hidden);
        }

        Rule resolve(String name, Set<String> declared) {
            if (hidden) {
                return Rule.HIDDEN;
            }
            for (Set<String> named :
                    List.of(include == null ? Set.<String>of() : include, exclude, conditions.keySet())) {
                for (String field : named) {
                    if (!declared.contains(field)) {
                        throw new IllegalStateException("Visibility of " + name + " names unknown field " + field);
                    }
                }
            }
            Map<String, When> fields = new LinkedHashMap<>();
            for (String field : declared) {
                if ((include == null || include.contains(field)) && !exclude.contains(field)) {
                    fields.put(field, conditions.getOrDefault(field, When.ALWAYS));
                }
            }
            return new Rule(true, false, when, Collections.unmodifiableMap(fields));
        }
    }

    private static Declaration declare(String name, String fields) {
        if (RULES.containsKey(name)) {
            throw new IllegalStateException("Visibility of " + name + " declared twice");
        }
        Map<Audience, Rule> rules = new EnumMap<>(Audience.class);
        rules.put(AUDITOR, Rule.AS_STORED);
        RULES.put(name, rules);
        return new Declaration(name, words(fields), rules);
    }

    /** The fields of one event, then one allowlist per class audience. */
    private record Declaration(String name, Set<String> fields, Map<Audience, Rule> rules) {

        Declaration staff(Spec spec) {
            rules.put(STAFF, spec.resolve(name, fields));
            return this;
        }

        Declaration student(Spec spec) {
            rules.put(STUDENT, spec.resolve(name, fields));
            return this;
        }

        Declaration publicViewer(Spec spec) {
            rules.put(PUBLIC, spec.resolve(name, fields));
            return this;
        }
    }
}
