package dev.lectern.query.visibility;

import static dev.lectern.query.visibility.Audience.PUBLIC;
import static dev.lectern.query.visibility.Audience.STAFF;
import static dev.lectern.query.visibility.Audience.STUDENT;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Who sees what of the documents derived from events: the class state ({@code /state}, the stream's
 * {@code state} event), the question queue ({@code /questions}) and the chat history ({@code /chat}).
 * The same kind of allowlist as {@link EventVisibility}, per part of the document: a field not listed
 * is not shown, so a field added to the state stays private until it is listed here. Each field that
 * carries event data follows its event's rule (a question's author as {@code question.asked}'s
 * {@code userId}; a chat message's text as {@code chat.posted}'s {@code text}); the unit tests hold
 * the two together (docs/adr/0015).
 *
 * <p>Public viewers get no roster (only a head count, {@code present}), no chat, and no user id
 * anywhere: not the owner, not authors of questions or whiteboard strokes, not who answered.
 */
public final class StateVisibility {

    private static final Map<Audience, When> EVERYONE = to(STAFF, STUDENT, PUBLIC);
    private static final Map<Audience, When> CLASS = to(STAFF, STUDENT);
    private static final Map<Audience, When> STAFF_ONLY = to(STAFF);

    public static final Part TIMING =
            part("timing").values(EVERYONE, "startsAt durationMinutes scheduledAt startedAt endedAt cancelledAt");

    public static final Part RECORDING = part("recording")
            .values(EVERYONE, "id status durationSeconds finalizedAt")
            .values(STAFF_ONLY, "location sizeBytes error");

    public static final Part MEDIA =
            part("media").values(EVERYONE, "room recordingEnabled").object("recording", EVERYONE, RECORDING);

    public static final Part PARTICIPANT = part("roster entry")
            .values(CLASS, "userId displayName classRole present joinedAt leftAt revoked permissions")
            .value("subject", to(STAFF).and(STUDENT, When.OWN))
            .values(STAFF_ONLY, "revokedReason");

    public static final Part SCENE = part("scene").values(EVERYONE, "id name layout");

    public static final Part DECK = part("deck")
            .values(EVERYONE, "id title pageCount renderedPages pageTitles")
            .values(STAFF_ONLY, "objectKey");

    public static final Part SLIDE = part("slide").values(EVERYONE, "deckId page title");

    public static final Part BOARD_ELEMENT = part("whiteboard element")
            .values(EVERYONE, "id type shape color width points text")
            .values(CLASS, "author");

    public static final Part BOARD =
            part("whiteboard").value("version", EVERYONE).list("elements", EVERYONE, BOARD_ELEMENT);

    public static final Part CTA = part("call to action").values(EVERYONE, "id label url qr");

    public static final Part STUDIO = part("studio")
            .object("scene", EVERYONE, SCENE)
            .value("layout", EVERYONE)
            .map("scenes", EVERYONE, SCENE)
            .map("decks", EVERYONE, DECK)
            .object("slide", EVERYONE, SLIDE)
            .object("whiteboard", EVERYONE, BOARD)
            .object("cta", EVERYONE, CTA);

    /** {@code youAreMuted} is derived per viewer by the renderer. */
    public static final Part INTERACTION = part("interaction")
            .values(EVERYONE, "chatEnabled slowModeSeconds anonymousQuestions examMode")
            .values(STAFF_ONLY, "blockedWords muted")
            .value("youAreMuted", to(STUDENT));

    /** A chat message, in the state's tail and in {@code /chat}: as {@code chat.posted}, plus moderation flags. */
    public static final Part CHAT_MESSAGE = part("chat message")
            .items(to(STAFF).and(STUDENT, When.NOT_HIDDEN_OR_DELETED))
            .values(CLASS, "messageId userId displayName classRole format postedAt hidden deleted position")
            .value("text", to(STAFF, When.NOT_DELETED).and(STUDENT, When.NOT_DELETED));

    public static final Part ANSWER =
            part("answer").values(EVERYONE, "text live at").value("by", STAFF_ONLY);

    /** A question: its author as {@code question.asked}'s {@code userId}; upvoters are never shown. */
    public static final Part QUESTION = part("question")
            .values(EVERYONE, "questionId text anonymous askedAt upvotes status")
            .value("userId", to(STAFF).and(STUDENT, When.NOT_ANONYMOUS_OR_OWN))
            .object("answer", EVERYONE, ANSWER);

    /** A poll: counts as {@code poll.tally}; who voted what ({@code choices}) is never shown. */
    public static final Part POLL = part("poll")
            .values(EVERYONE, "pollId question options multipleChoice allowChange showLiveResults status")
            .value("counts", to(STAFF).and(STUDENT, When.RESULTS_VISIBLE).and(PUBLIC, When.RESULTS_VISIBLE))
            .value("ballots", to(STAFF).and(STUDENT, When.RESULTS_VISIBLE).and(PUBLIC, When.RESULTS_VISIBLE))
            .value("correctOptions", to(STAFF).and(STUDENT, When.PUBLISHED).and(PUBLIC, When.PUBLISHED));

    /** The class state document; {@code present} (a head count) is derived by the renderer. */
    public static final Part STATE = part("class state")
            .values(EVERYONE, "sessionId tenantId title status courseId lessonId position asOf present")
            .value("owner", CLASS)
            .object("timing", EVERYONE, TIMING)
            .object("media", EVERYONE, MEDIA)
            .map("roster", CLASS, PARTICIPANT)
            .object("studio", EVERYONE, STUDIO)
            .object("interaction", EVERYONE, INTERACTION)
            .list("chat", CLASS, CHAT_MESSAGE)
            .map("questions", EVERYONE, QUESTION)
            .map("polls", EVERYONE, POLL);

    private StateVisibility() {}

    /**
     * Removes from {@code node} (in place) everything {@code audience} may not see of {@code part}.
     * Returns false when the node itself is not shown (an item whose condition does not hold).
     */
    public static boolean filter(ObjectNode node, Part part, Audience audience, When.Context context) {
        When item = part.items.get(audience);
        if (item == null || !item.holds(node, context)) {
            return false;
        }
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        for (String name : names) {
            Field field = part.fields.get(name);
            When condition = field == null ? null : field.shownTo.get(audience);
            if (condition == null || !condition.holds(node, context)) {
                node.remove(name);
                continue;
            }
            JsonNode value = node.get(name);
            if (field.child == null) {
                continue;
            }
            switch (field.shape) {
                case OBJECT -> {
                    if (value instanceof ObjectNode object && !filter(object, field.child, audience, context)) {
                        node.remove(name);
                    }
                }
                case MAP -> {
                    for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
                        if (!(it.next().getValue() instanceof ObjectNode entry)
                                || !filter(entry, field.child, audience, context)) {
                            it.remove();
                        }
                    }
                }
                case LIST -> {
                    ArrayNode list = (ArrayNode) value;
                    for (int i = list.size() - 1; i >= 0; i--) {
                        if (!(list.get(i) instanceof ObjectNode entry)
                                || !filter(entry, field.child, audience, context)) {
                            list.remove(i);
                        }
                    }
                }
                default -> throw new IllegalStateException("unexpected shape " + field.shape);
            }
        }
        return true;
    }

    /** The audiences (and conditions) that see {@code field} of {@code part}; empty when nobody does. */
    public static Map<Audience, When> shownTo(Part part, String field) {
        Field declared = part.fields.get(field);
        return declared == null ? Map.of() : declared.shownTo;
    }

    // --- declaration helpers -------------------------------------------------------------------

    enum Shape {
        VALUE,
        OBJECT,
        MAP,
        LIST
    }

    record Field(Map<Audience, When> shownTo, Shape shape, Part child) {}

    /** One kind of object in a derived document: its fields, and which audiences see one of its items at all. */
    public static final class Part {

        private final String name;
        private final Map<String, Field> fields = new LinkedHashMap<>();
        private Map<Audience, When> items = EVERYONE;

        private Part(String name) {
            this.name = name;
        }

        public String name() {
            return name;
        }

        Map<String, Field> fields() {
            return fields;
        }

        Part items(Map<Audience, When> audiences) {
            this.items = audiences;
            return this;
        }

        Part value(String field, Map<Audience, When> audiences) {
            return add(field, new Field(audiences, Shape.VALUE, null));
        }

        Part values(Map<Audience, When> audiences, String fields) {
            for (String field : fields.trim().split("\\s+")) {
                value(field, audiences);
            }
            return this;
        }

        Part object(String field, Map<Audience, When> audiences, Part child) {
            return add(field, new Field(audiences, Shape.OBJECT, child));
        }

        Part map(String field, Map<Audience, When> audiences, Part child) {
            return add(field, new Field(audiences, Shape.MAP, child));
        }

        Part list(String field, Map<Audience, When> audiences, Part child) {
            return add(field, new Field(audiences, Shape.LIST, child));
        }

        private Part add(String field, Field declared) {
            if (fields.putIfAbsent(field, declared) != null) {
                throw new IllegalStateException(name + "." + field + " declared twice");
            }
            return this;
        }
    }

    private static Part part(String name) {
        return new Part(name);
    }

    private static Audiences to(Audience... audiences) {
        Map<Audience, When> shown = new EnumMap<>(Audience.class);
        for (Audience audience : audiences) {
            shown.put(audience, When.ALWAYS);
        }
        return new Audiences(shown);
    }

    private static Audiences to(Audience audience, When condition) {
        Map<Audience, When> shown = new EnumMap<>(Audience.class);
        shown.put(audience, condition);
        return new Audiences(shown);
    }

    /** An audience map that can be extended fluently: {@code to(STAFF).and(STUDENT, When.OWN)}. */
    private static final class Audiences extends java.util.AbstractMap<Audience, When> {

        private final EnumMap<Audience, When> shown;

        Audiences(Map<Audience, When> shown) {
            this.shown = new EnumMap<>(Audience.class);
            this.shown.putAll(shown);
        }

        Audiences and(Audience audience, When condition) {
            Audiences more = new Audiences(shown);
            more.shown.put(audience, condition);
            return more;
        }

        @Override
        public java.util.Set<Entry<Audience, When>> entrySet() {
            return java.util.Collections.unmodifiableMap(shown).entrySet();
        }

        @Override
        public When get(Object key) {
            return shown.get(key);
        }
    }
}
