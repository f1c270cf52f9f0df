package dev.lectern.command.interaction;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import dev.lectern.command.member.ClassContext;
import dev.lectern.command.poll.PollCreation;
import dev.lectern.command.question.QuestionCreation;
import dev.lectern.events.error.DomainException;
import dev.lectern.events.error.ErrorCode;
import dev.lectern.events.identity.Actor;
import dev.lectern.events.identity.UserId;
import dev.lectern.events.interaction.ChangeInteractionSettingsCommand;
import dev.lectern.events.interaction.ChatMessageDeletedEvent;
import dev.lectern.events.interaction.ChatMessageHiddenEvent;
import dev.lectern.events.interaction.ChatMessagePostedEvent;
import dev.lectern.events.interaction.ExamModeChangedEvent;
import dev.lectern.events.interaction.InteractionSettingsChangedEvent;
import dev.lectern.events.interaction.MessageId;
import dev.lectern.events.interaction.ModerateChatMessageCommand;
import dev.lectern.events.interaction.MuteParticipantCommand;
import dev.lectern.events.interaction.ParticipantMutedEvent;
import dev.lectern.events.interaction.ParticipantUnmutedEvent;
import dev.lectern.events.interaction.PostChatMessageCommand;
import dev.lectern.events.interaction.SetExamModeCommand;
import dev.lectern.events.poll.CreatePollCommand;
import dev.lectern.events.poll.CreatePollResult;
import dev.lectern.events.poll.PollCreatedEvent;
import dev.lectern.events.question.AskQuestionCommand;
import dev.lectern.events.question.QuestionAskedEvent;
import dev.lectern.events.question.QuestionId;
import dev.lectern.events.session.AuthorizeModerationCommand;
import dev.lectern.events.session.AuthorizeParticipationCommand;
import dev.lectern.events.session.ClassRoles;
import dev.lectern.events.session.SessionPermission;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;

/**
 * Chat and the class's interaction rules, a member of the Session aggregate. Because chat messages,
 * the chat switch and exam mode are events of the same aggregate, "no message after the switch" is
 * decided at write time by the aggregate's sequence: a message either committed before the switch's
 * position or was refused. Questions are created here too (the asker and exam mode are checked by the
 * class); polls are created by the class's teacher. Interaction failures never touch the class's
 * lifecycle: every refusal is a 4xx, and nothing here is on the path of starting or joining a class.
 */
public class Interaction {

    public static final int MAX_TEXT = 1000;
    public static final int MAX_BLOCKED_WORDS = 200;

    private boolean chatEnabled = true;
    private int slowModeSeconds;
    private Set<String> blockedWords = Set.of();
    private boolean anonymousQuestions;
    private boolean examMode;
    private final Set<UserId> muted = new HashSet<>();
    private final Map<UserId, Instant> lastPost = new HashMap<>();
    private final Set<MessageId> messages = new HashSet<>();
    private final Set<MessageId> hidden = new HashSet<>();
    private final Set<MessageId> deleted = new HashSet<>();

    public Interaction() {
        // plain state: the class arrives as a handler parameter (docs/adr/0019-session-members-and-snapshots.md)
    }

    @CommandHandler
    MessageId handle(PostChatMessageCommand command, ClassContext session, Clock clock) throws DomainException {
        String classRole = participant(session, command.actor());
        if (examMode) {
            throw new DomainException(ErrorCode.EXAM_MODE, "Exam mode is on: the chat is closed");
        }
        if (!chatEnabled) {
            throw new DomainException(ErrorCode.CHAT_DISABLED, "The teacher turned the chat off");
        }
        UserId user = command.actor().userId();
        if (muted.contains(user)) {
            throw new DomainException(ErrorCode.CHAT_MUTED, "A moderator muted you in this class's chat");
        }
        String text = command.text();
        if (text == null || text.isBlank() || text.length() > MAX_TEXT) {
            throw new DomainException(ErrorCode.VALIDATION_FAILED, "text: 1 to " + MAX_TEXT + " characters");
        }
        String blocked = blockedWordIn(text);
        if (blocked != null) {
            throw new DomainException(
                    ErrorCode.CHAT_BLOCKED_WORD, "This class does not allow the word \"" + blocked + "\"");
        }
        Instant now = clock.instant();
        boolean staff = session.mayManage(command.actor()) || session.has(user, SessionPermission.MODERATE);
        Instant last = lastPost.get(user);
        if (!staff
                && slowModeSeconds > 0
                && last != null
                && last.plusSeconds(slowModeSeconds).isAfter(now)) {
            Duration left = Duration.between(now, last.plusSeconds(slowModeSeconds));
            long wait = Math.max(1, (left.toMillis() + 999) / 1000);
            throw new DomainException(
                    ErrorCode.RATE_LIMITED,
                    "Slow mode: one message every " + slowModeSeconds + " s; wait " + wait + " s",
                    Duration.ofSeconds(wait));
        }
        if (messages.contains(command.messageId())) {
            throw new DomainException(ErrorCode.ALREADY_EXISTS, "This message was already posted");
        }
        apply(new ChatMessagePostedEvent(
                session.id(),
                session.tenant(),
                command.messageId(),
                user,
                classRole,
                text,
                now,
                command.actor().displayName()));
        return command.messageId();
    }

    /** Returns false when the message was already hidden (or deleted). */
    @CommandHandler
    boolean handle(ModerateChatMessageCommand command, ClassContext session, Clock clock) throws DomainException {
        requireModerator(session, command.actor());
        if (!messages.contains(command.messageId())) {
            throw new DomainException(ErrorCode.MESSAGE_NOT_FOUND, "This class has no message " + command.messageId());
        }
        if (deleted.contains(command.messageId()) || (!command.delete() && hidden.contains(command.messageId()))) {
            return false;
        }
        if (command.delete()) {
            apply(new ChatMessageDeletedEvent(
                    session.id(),
                    session.tenant(),
                    command.messageId(),
                    command.actor().subject(),
                    command.reason(),
                    clock.instant()));
        } else {
            apply(new ChatMessageHiddenEvent(
                    session.id(),
                    session.tenant(),
                    command.messageId(),
                    command.actor().subject(),
                    command.reason(),
                    clock.instant()));
        }
        return true;
    }

    /** Returns false when nothing changes (already muted, or not muted). Only someone who joined this class can be muted. */
    @CommandHandler
    boolean handle(MuteParticipantCommand command, ClassContext session, Clock clock) throws DomainException {
        requireModerator(session, command.actor());
        if (command.userId().equals(session.teacher())) {
            throw new DomainException(ErrorCode.VALIDATION_FAILED, "The class's own teacher cannot be muted");
        }
        if (session.classRoleOf(command.userId()) == null && !muted.contains(command.userId())) {
            throw new DomainException(
                    ErrorCode.PARTICIPANT_NOT_FOUND,
                    "No one with user id " + command.userId() + " has joined this class");
        }
        if (muted.contains(command.userId()) == command.mute()) {
            return false;
        }
        if (command.mute()) {
            apply(new ParticipantMutedEvent(
                    session.id(),
                    session.tenant(),
                    command.userId(),
                    command.actor().subject(),
                    command.reason(),
                    clock.instant()));
        } else {
            apply(new ParticipantUnmutedEvent(
                    session.id(),
                    session.tenant(),
                    command.userId(),
                    command.actor().subject(),
                    clock.instant()));
        }
        return true;
    }

    /**
     * Changes the settings given (absent ones stay). Refuses a change that names no setting; returns false,
     * appending nothing, when every given setting already has that value.
     */
    @CommandHandler
    boolean handle(ChangeInteractionSettingsCommand command, ClassContext session, Clock clock) throws DomainException {
        session.authorize(command.actor());
        session.requireNotOver();
        if (command.chatEnabled() == null
                && command.slowModeSeconds() == null
                && command.blockedWords() == null
                && command.anonymousQuestions() == null) {
            throw new DomainException(
                    ErrorCode.VALIDATION_FAILED,
                    "Give at least one of chatEnabled, slowModeSeconds, blockedWords, anonymousQuestions");
        }
        int slow = command.slowModeSeconds() == null ? slowModeSeconds : command.slowModeSeconds();
        if (slow < 0 || slow > 3600) {
            throw new DomainException(ErrorCode.VALIDATION_FAILED, "slowModeSeconds must be between 0 and 3600");
        }
        List<String> words = command.blockedWords() == null
                ? List.copyOf(new java.util.TreeSet<>(blockedWords))
                : normalise(command.blockedWords());
        boolean chat = command.chatEnabled() == null ? chatEnabled : command.chatEnabled();
        boolean anonymous = command.anonymousQuestions() == null ? anonymousQuestions : command.anonymousQuestions();
        if (chat == chatEnabled
                && slow == slowModeSeconds
                && Set.copyOf(words).equals(blockedWords)
                && anonymous == anonymousQuestions) {
            return false;
        }
        apply(new InteractionSettingsChangedEvent(
                session.id(),
                session.tenant(),
                chat,
                slow,
                words,
                anonymous,
                command.actor().subject(),
                clock.instant()));
        return true;
    }

    /** Returns false when exam mode already is as asked. */
    @CommandHandler
    boolean handle(SetExamModeCommand command, ClassContext session, Clock clock) throws DomainException {
        session.authorize(command.actor());
        session.requireNotOver();
        if (examMode == command.enabled()) {
            return false;
        }
        apply(new ExamModeChangedEvent(
                session.id(),
                session.tenant(),
                command.enabled(),
                command.actor().subject(),
                clock.instant()));
        return true;
    }

    @CommandHandler
    QuestionId handle(AskQuestionCommand command, ClassContext session, Clock clock) throws Exception {
        participant(session, command.actor());
        if (examMode) {
            throw new DomainException(ErrorCode.EXAM_MODE, "Exam mode is on: questions are closed");
        }
        String text = command.text();
        if (text == null || text.isBlank() || text.length() > MAX_TEXT) {
            throw new DomainException(ErrorCode.VALIDATION_FAILED, "text: 1 to " + MAX_TEXT + " characters");
        }
        if (command.anonymous() && !anonymousQuestions) {
            throw new DomainException(
                    ErrorCode.FORBIDDEN, "The teacher has not allowed anonymous questions in this class");
        }
        QuestionAskedEvent asked = new QuestionAskedEvent(
                command.questionId(),
                session.id(),
                session.tenant(),
                command.actor().userId(),
                text,
                command.anonymous(),
                clock.instant());
        QuestionCreation.create(asked);
        return command.questionId();
    }

    /**
     * Prepare a poll in this class (its teacher or an admin, while the class is scheduled or live): creates
     * the Poll aggregate in this unit of work and answers with its owner and course, which the endpoint
     * keeps in the poll's gate row (docs/adr/0010).
     */
    @CommandHandler
    CreatePollResult handle(CreatePollCommand command, ClassContext session, Clock clock) throws Exception {
        session.authorize(command.actor());
        session.requireNotOver();
        requireDistinct(command.options());
        PollCreatedEvent created = new PollCreatedEvent(
                command.pollId(),
                session.id(),
                session.tenant(),
                command.question(),
                List.copyOf(command.options()),
                command.multipleChoice(),
                command.allowChange(),
                command.showLiveResults(),
                command.correctOptions() == null ? null : List.copyOf(command.correctOptions()),
                command.actor().subject(),
                clock.instant(),
                session.teacher());
        PollCreation.create(created, session.teacher());
        return new CreatePollResult(command.pollId(), session.teacher(), session.course());
    }

    @CommandHandler
    void handle(AuthorizeModerationCommand command, ClassContext session) throws DomainException {
        requireModerator(session, command.actor());
    }

    @CommandHandler
    String handle(AuthorizeParticipationCommand command, ClassContext session) throws DomainException {
        return participant(session, command.actor());
    }

    /** Someone in the live class (joined, not removed), who is not a hidden public viewer; returns their class role. */
    private static String participant(ClassContext session, Actor actor) throws DomainException {
        session.requireSameTenant(actor);
        session.requireLive();
        UserId user = actor.userId();
        if (session.isRevoked(user)) {
            throw new DomainException(ErrorCode.PARTICIPANT_REVOKED, "You were removed from this class");
        }
        if (!session.isPresent(user)) {
            throw new DomainException(ErrorCode.NOT_IN_CLASS, "Join the class first");
        }
        String classRole = session.classRoleOf(user);
        if (ClassRoles.PUBLIC_VIEWER.equals(classRole)) {
            throw new DomainException(ErrorCode.FORBIDDEN, "Public viewers watch; they do not take part");
        }
        return classRole;
    }

    private static void requireModerator(ClassContext session, Actor actor) throws DomainException {
        session.requireSameTenant(actor);
        if (!session.mayManage(actor) && !session.has(actor.userId(), SessionPermission.MODERATE)) {
            throw new DomainException(
                    ErrorCode.FORBIDDEN,
                    "Only this class's teacher, an admin or a participant with the moderate permission may do this");
        }
    }

    private String blockedWordIn(String text) {
        if (blockedWords.isEmpty()) {
            return null;
        }
        for (String word : text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
            if (blockedWords.contains(word)) {
                return word;
            }
        }
        return null;
    }

    /** Two options that read the same (ignoring case and surrounding space) are one option twice: refused. */
    private static void requireDistinct(List<String> options) throws DomainException {
        Set<String> seen = new HashSet<>();
        for (String option : options == null ? List.<String>of() : options) {
            String key = option == null ? "" : option.strip().toLowerCase(Locale.ROOT);
            if (!seen.add(key)) {
                throw new DomainException(
                        ErrorCode.VALIDATION_FAILED,
                        "options must be distinct: \"" + option + "\" appears more than once");
            }
        }
    }

    private static List<String> normalise(List<String> words) throws DomainException {
        if (words.size() > MAX_BLOCKED_WORDS) {
            throw new DomainException(ErrorCode.VALIDATION_FAILED, "At most " + MAX_BLOCKED_WORDS + " blocked words");
        }
        Set<String> result = new java.util.TreeSet<>();
        for (String word : words) {
            String w = word == null ? "" : word.strip().toLowerCase(Locale.ROOT);
            if (w.isEmpty() || w.length() > 50 || !w.matches("[\\p{L}\\p{N}]+")) {
                throw new DomainException(
                        ErrorCode.VALIDATION_FAILED,
                        "blockedWords: single words of letters and digits, up to 50 characters");
            }
            result.add(w);
        }
        return List.copyOf(result);
    }

    @EventSourcingHandler
    void on(ChatMessagePostedEvent event) {
        messages.add(event.messageId());
        lastPost.put(event.userId(), event.postedAt());
    }

    @EventSourcingHandler
    void on(ChatMessageHiddenEvent event) {
        hidden.add(event.messageId());
    }

    @EventSourcingHandler
    void on(ChatMessageDeletedEvent event) {
        deleted.add(event.messageId());
    }

    @EventSourcingHandler
    void on(ParticipantMutedEvent event) {
        muted.add(event.userId());
    }

    @EventSourcingHandler
    void on(ParticipantUnmutedEvent event) {
        muted.remove(event.userId());
    }

    @EventSourcingHandler
    void on(InteractionSettingsChangedEvent event) {
        chatEnabled = event.chatEnabled();
        slowModeSeconds = event.slowModeSeconds();
        blockedWords = Set.copyOf(event.blockedWords());
        anonymousQuestions = event.anonymousQuestions();
    }

    @EventSourcingHandler
    void on(ExamModeChangedEvent event) {
        examMode = event.enabled();
    }
}
