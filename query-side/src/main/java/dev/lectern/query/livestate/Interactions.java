package dev.lectern.query.livestate;

import dev.lectern.events.LecternEvent;
import dev.lectern.events.interaction.ChatMessageDeletedEvent;
import dev.lectern.events.interaction.ChatMessageHiddenEvent;
import dev.lectern.events.interaction.ChatMessagePostedEvent;
import dev.lectern.events.interaction.ExamModeChangedEvent;
import dev.lectern.events.interaction.InteractionSettingsChangedEvent;
import dev.lectern.events.interaction.ParticipantMutedEvent;
import dev.lectern.events.interaction.ParticipantUnmutedEvent;
import dev.lectern.events.poll.PollClosedEvent;
import dev.lectern.events.poll.PollCreatedEvent;
import dev.lectern.events.poll.PollOpenedEvent;
import dev.lectern.events.poll.PollResultsPublishedEvent;
import dev.lectern.events.poll.VoteCastEvent;
import dev.lectern.events.poll.VoteChangedEvent;
import dev.lectern.events.question.QuestionAnsweredEvent;
import dev.lectern.events.question.QuestionAskedEvent;
import dev.lectern.events.question.QuestionDismissedEvent;
import dev.lectern.events.question.QuestionResolvedEvent;
import dev.lectern.events.question.QuestionUpvotedEvent;
import dev.lectern.events.scene.SceneCreatedEvent;
import dev.lectern.events.scene.SceneDeletedEvent;
import dev.lectern.events.scene.SceneUpdatedEvent;
import dev.lectern.events.studio.CtaHiddenEvent;
import dev.lectern.events.studio.CtaShownEvent;
import dev.lectern.events.studio.DeckAddedEvent;
import dev.lectern.events.studio.LayoutChangedEvent;
import dev.lectern.events.studio.SceneChangedEvent;
import dev.lectern.events.studio.SlideChangedEvent;
import dev.lectern.events.studio.WhiteboardOp;
import dev.lectern.events.studio.WhiteboardUpdatedEvent;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * The studio and interaction part of {@link ClassStateReducer}: scenes, layout, decks and slides, the
 * whiteboard, the call to action, chat, settings, exam mode, questions and polls. Pure, like the rest
 * of the fold.
 */
final class Interactions {

    private Interactions() {}

    /** Folds a studio or interaction event; false if the event is none of these. */
    static boolean apply(ClassState state, LecternEvent event) {
        ClassState.Studio studio = state.studio;
        if (event instanceof SceneCreatedEvent e) {
            studio.scenes.put(e.sceneId().toString(), scene(e.sceneId().value(), e.name(), e.layout()));
        } else if (event instanceof SceneUpdatedEvent e) {
            studio.scenes.put(e.sceneId().toString(), scene(e.sceneId().value(), e.name(), e.layout()));
            if (studio.scene != null && e.sceneId().value().equals(studio.scene.id)) {
                studio.scene = scene(e.sceneId().value(), e.name(), e.layout());
            }
        } else if (event instanceof SceneDeletedEvent e) {
            studio.scenes.remove(e.sceneId().toString());
        } else if (event instanceof SceneChangedEvent e) {
            studio.scene = scene(e.sceneId().value(), e.name(), e.layout());
            studio.layout = e.layout();
        } else if (event instanceof LayoutChangedEvent e) {
            studio.layout = e.layout();
        } else if (event instanceof DeckAddedEvent e) {
            ClassState.Deck deck = new ClassState.Deck();
            deck.id = e.deckId().value();
            deck.title = e.title();
            deck.pageCount = e.pageCount();
            deck.renderedPages = e.renderedPages();
            deck.objectKey = e.objectKey();
            deck.pageTitles = e.pageTitles();
            studio.decks.put(e.deckId().toString(), deck);
        } else if (event instanceof SlideChangedEvent e) {
            ClassState.Slide slide = new ClassState.Slide();
            slide.deckId = e.deckId().value();
            slide.page = e.page();
            ClassState.Deck deck = studio.decks.get(e.deckId().toString());
            if (deck != null && deck.pageTitles != null && e.page() <= deck.pageTitles.size()) {
                String title = deck.pageTitles.get(e.page() - 1);
                slide.title = title == null || title.isEmpty() ? null : title;
            }
            studio.slide = slide;
        } else if (event instanceof WhiteboardUpdatedEvent e) {
            whiteboard(studio.whiteboard, e);
        } else if (event instanceof CtaShownEvent e) {
            ClassState.Cta cta = new ClassState.Cta();
            cta.id = e.ctaId().value();
            cta.label = e.label();
            cta.url = e.url();
            cta.qr = "/sessions/" + e.sessionId() + "/cta/qr.png";
            studio.cta = cta;
        } else if (event instanceof CtaHiddenEvent) {
            studio.cta = null;
        } else {
            return chat(state, event) || questions(state, event) || polls(state, event);
        }
        return true;
    }

    private static ClassState.SceneRef scene(java.util.UUID id, String name, String layout) {
        ClassState.SceneRef ref = new ClassState.SceneRef();
        ref.id = id;
        ref.name = name;
        ref.layout = layout;
        return ref;
    }

    private static void whiteboard(ClassState.Board board, WhiteboardUpdatedEvent e) {
        for (WhiteboardOp op : e.ops()) {
            switch (op.type()) {
                case "stroke", "shape", "text" -> {
                    ClassState.BoardElement element = new ClassState.BoardElement();
                    element.id = op.id();
                    element.type = op.type();
                    element.shape = op.shape();
                    element.color = op.color();
                    element.width = op.width();
                    element.points = op.points();
                    element.text = op.text();
                    element.author = e.userId() == null ? null : e.userId().value();
                    board.elements.removeIf(existing -> existing.id.equals(op.id()));
                    board.elements.add(element);
                }
                case "erase" -> board.elements.removeIf(existing -> existing.id.equals(op.targetId()));
                case "clear" -> board.elements.clear();
                case "undo" -> {
                    for (int i = board.elements.size() - 1; i >= 0; i--) {
                        if (e.userId() != null && e.userId().value().equals(board.elements.get(i).author)) {
                            board.elements.remove(i);
                            break;
                        }
                    }
                }
                default -> {
                    // validated on the way in; an unknown type changes nothing
                }
            }
        }
        board.version++;
    }

    private static boolean chat(ClassState state, LecternEvent event) {
        if (event instanceof ChatMessagePostedEvent e) {
            ClassState.ChatMessage message = new ClassState.ChatMessage();
            message.messageId = e.messageId().value();
            message.userId = e.userId().value();
            message.classRole = e.classRole();
            message.displayName = e.displayName();
            message.text = e.text();
            message.postedAt = e.postedAt();
            state.chat.add(message);
            while (state.chat.size() > ClassState.CHAT_TAIL) {
                state.chat.remove(0);
            }
        } else if (event instanceof ChatMessageHiddenEvent e) {
            state.chat.stream()
                    .filter(m -> m.messageId.equals(e.messageId().value()))
                    .forEach(m -> m.hidden = true);
        } else if (event instanceof ChatMessageDeletedEvent e) {
            state.chat.stream()
                    .filter(m -> m.messageId.equals(e.messageId().value()))
                    .forEach(m -> {
                        m.deleted = true;
                        m.text = null;
                    });
        } else if (event instanceof ParticipantMutedEvent e) {
            state.interaction.muted.add(e.userId().value().toString());
        } else if (event instanceof ParticipantUnmutedEvent e) {
            state.interaction.muted.remove(e.userId().value().toString());
        } else if (event instanceof InteractionSettingsChangedEvent e) {
            state.interaction.chatEnabled = e.chatEnabled();
            state.interaction.slowModeSeconds = e.slowModeSeconds();
            state.interaction.blockedWords = new ArrayList<>(e.blockedWords());
            state.interaction.anonymousQuestions = e.anonymousQuestions();
        } else if (event instanceof ExamModeChangedEvent e) {
            state.interaction.examMode = e.enabled();
        } else {
            return false;
        }
        return true;
    }

    private static boolean questions(ClassState state, LecternEvent event) {
        Map<String, ClassState.QuestionItem> questions = state.questions;
        if (event instanceof QuestionAskedEvent e) {
            ClassState.QuestionItem q = new ClassState.QuestionItem();
            q.questionId = e.questionId().value();
            q.userId = e.userId().value();
            q.text = e.text();
            q.anonymous = e.anonymous();
            q.askedAt = e.askedAt();
            q.status = "open";
            questions.put(e.questionId().toString(), q);
        } else if (event instanceof QuestionUpvotedEvent e) {
            ClassState.QuestionItem q = questions.get(e.questionId().toString());
            if (q != null && q.upvoters.add(e.userId().value().toString())) {
                q.upvotes = q.upvoters.size();
            }
        } else if (event instanceof QuestionAnsweredEvent e) {
            ClassState.QuestionItem q = questions.get(e.questionId().toString());
            if (q != null) {
                ClassState.Answer answer = new ClassState.Answer();
                answer.text = e.text();
                answer.live = e.live();
                answer.by = e.answeredBy();
                answer.at = e.answeredAt();
                q.answer = answer;
                q.status = "answered";
            }
        } else if (event instanceof QuestionResolvedEvent e) {
            setStatus(questions, e.questionId().toString(), "resolved");
        } else if (event instanceof QuestionDismissedEvent e) {
            setStatus(questions, e.questionId().toString(), "dismissed");
        } else {
            return false;
        }
        return true;
    }

    private static void setStatus(Map<String, ClassState.QuestionItem> questions, String id, String status) {
        ClassState.QuestionItem q = questions.get(id);
        if (q != null) {
            q.status = status;
        }
    }

    private static boolean polls(ClassState state, LecternEvent event) {
        if (event instanceof PollCreatedEvent e) {
            ClassState.PollItem poll = new ClassState.PollItem();
            poll.pollId = e.pollId().value();
            poll.question = e.question();
            poll.options = e.options();
            poll.multipleChoice = e.multipleChoice();
            poll.allowChange = e.allowChange();
            poll.showLiveResults = e.showLiveResults();
            poll.correctOptions = e.correctOptions();
            poll.status = "draft";
            poll.counts = new ArrayList<>(Collections.nCopies(e.options().size(), 0L));
            state.polls.put(e.pollId().toString(), poll);
        } else if (event instanceof PollOpenedEvent e) {
            poll(state, e.pollId().value()).ifPresent(p -> p.status = "open");
        } else if (event instanceof PollClosedEvent e) {
            poll(state, e.pollId().value()).ifPresent(p -> p.status = "closed");
        } else if (event instanceof PollResultsPublishedEvent e) {
            poll(state, e.pollId().value()).ifPresent(p -> {
                p.status = "published";
                p.counts = new ArrayList<>(e.counts());
                p.ballots = e.ballots();
            });
        } else if (event instanceof VoteCastEvent e) {
            poll(state, e.pollId().value())
                    .ifPresent(p -> vote(p, e.userId().value().toString(), e.options()));
        } else if (event instanceof VoteChangedEvent e) {
            poll(state, e.pollId().value())
                    .ifPresent(p -> vote(p, e.userId().value().toString(), e.options()));
        } else {
            return false;
        }
        return true;
    }

    private static java.util.Optional<ClassState.PollItem> poll(ClassState state, java.util.UUID id) {
        return java.util.Optional.ofNullable(state.polls.get(id.toString()));
    }

    /** A person's current ballot replaces their previous one: counts follow. */
    private static void vote(ClassState.PollItem poll, String user, List<Integer> options) {
        List<Integer> previous = poll.choices.put(user, List.copyOf(options));
        if (previous == null) {
            poll.ballots++;
        } else {
            previous.forEach(i -> adjust(poll, i, -1));
        }
        options.forEach(i -> adjust(poll, i, +1));
    }

    private static void adjust(ClassState.PollItem poll, int option, long delta) {
        if (option >= 0 && option < poll.counts.size()) {
            poll.counts.set(option, poll.counts.get(option) + delta);
        }
    }
}
