package dev.lectern.command.studio;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import dev.lectern.command.member.ClassContext;
import dev.lectern.events.error.DomainException;
import dev.lectern.events.error.ErrorCode;
import dev.lectern.events.scene.SceneCreatedEvent;
import dev.lectern.events.scene.SceneId;
import dev.lectern.events.session.SessionPermission;
import dev.lectern.events.studio.AddDeckCommand;
import dev.lectern.events.studio.ChangeLayoutCommand;
import dev.lectern.events.studio.ChangeSlideCommand;
import dev.lectern.events.studio.CreateSceneCommand;
import dev.lectern.events.studio.CtaHiddenEvent;
import dev.lectern.events.studio.CtaId;
import dev.lectern.events.studio.CtaShownEvent;
import dev.lectern.events.studio.DeckAddedEvent;
import dev.lectern.events.studio.DeckId;
import dev.lectern.events.studio.HideCtaCommand;
import dev.lectern.events.studio.LayoutChangedEvent;
import dev.lectern.events.studio.SceneChangedEvent;
import dev.lectern.events.studio.ShowCtaCommand;
import dev.lectern.events.studio.SlideChangedEvent;
import dev.lectern.events.studio.SwitchSceneCommand;
import dev.lectern.events.studio.UpdateWhiteboardCommand;
import dev.lectern.events.studio.WhiteboardOp;
import dev.lectern.events.studio.WhiteboardUpdatedEvent;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;

/**
 * The teaching studio of one class, a member of the Session aggregate: which scene and layout are on,
 * which decks the class has and which page is shown, the whiteboard, the call to action. Teachers and
 * admins change everything; a participant with the {@code present} permission may also add decks,
 * turn pages and draw. A class can be prepared while scheduled; nothing changes once it is over.
 */
public class Studio {

    private final Map<DeckId, Integer> deckPages = new HashMap<>();
    private SceneId activeScene;
    private String layout;
    private CtaId cta;
    private final Whiteboard.Board board = new Whiteboard.Board();

    public Studio() {
        // plain state: the class arrives as a handler parameter (docs/adr/0019-session-members-and-snapshots.md)
    }

    @CommandHandler
    SceneId handle(CreateSceneCommand command, ClassContext session, Clock clock) throws Exception {
        session.authorize(command.actor());
        session.requireNotOver();
        Layouts.require(command.layout());
        SceneCreatedEvent created = new SceneCreatedEvent(
                command.sceneId(),
                session.id(),
                session.tenant(),
                command.name(),
                command.layout(),
                session.teacher(),
                command.actor().subject(),
                clock.instant());
        SceneCreation.create(created);
        return command.sceneId();
    }

    /** Returns false when that scene is already on. */
    @CommandHandler
    boolean handle(SwitchSceneCommand command, ClassContext session, Clock clock) throws DomainException {
        session.authorize(command.actor());
        session.requireNotOver();
        Layouts.require(command.layout());
        if (command.sceneId().equals(activeScene)) {
            return false;
        }
        apply(new SceneChangedEvent(
                session.id(),
                session.tenant(),
                command.sceneId(),
                command.name(),
                command.layout(),
                command.actor().subject(),
                clock.instant()));
        return true;
    }

    @CommandHandler
    boolean handle(ChangeLayoutCommand command, ClassContext session, Clock clock) throws DomainException {
        session.authorize(command.actor());
        session.requireNotOver();
        Layouts.require(command.layout());
        if (command.layout().equals(layout)) {
            return false;
        }
        apply(new LayoutChangedEvent(
                session.id(),
                session.tenant(),
                command.layout(),
                command.actor().subject(),
                clock.instant()));
        return true;
    }

    @CommandHandler
    void handle(AddDeckCommand command, ClassContext session, Clock clock) throws DomainException {
        session.authorize(command.actor(), SessionPermission.PRESENT);
        session.requireNotOver();
        if (deckPages.containsKey(command.deckId())) {
            throw new DomainException(ErrorCode.ALREADY_EXISTS, "This deck was already added");
        }
        if (command.pageCount() < 1 || command.renderedPages() < 0 || command.renderedPages() > command.pageCount()) {
            throw new DomainException(ErrorCode.VALIDATION_FAILED, "A deck needs at least one page");
        }
        apply(new DeckAddedEvent(
                session.id(),
                session.tenant(),
                command.deckId(),
                command.title(),
                command.pageCount(),
                command.renderedPages(),
                command.objectKey(),
                List.copyOf(command.pageTitles()),
                command.actor().subject(),
                clock.instant()));
    }

    @CommandHandler
    void handle(ChangeSlideCommand command, ClassContext session, Clock clock) throws DomainException {
        session.authorize(command.actor(), SessionPermission.PRESENT);
        session.requireNotOver();
        Integer pages = deckPages.get(command.deckId());
        if (pages == null) {
            throw new DomainException(ErrorCode.DECK_NOT_FOUND, "This class has no deck " + command.deckId());
        }
        if (command.page() < 1 || command.page() > pages) {
            throw new DomainException(ErrorCode.VALIDATION_FAILED, "page must be between 1 and " + pages);
        }
        apply(new SlideChangedEvent(
                session.id(),
                session.tenant(),
                command.deckId(),
                command.page(),
                command.actor().subject(),
                clock.instant()));
    }

    @CommandHandler
    void handle(UpdateWhiteboardCommand command, ClassContext session, Clock clock) throws DomainException {
        session.authorize(command.actor(), SessionPermission.PRESENT);
        session.requireNotOver();
        List<WhiteboardOp> ops = Whiteboard.validate(command.ops());
        board.requireApplicable(ops, command.actor().userId());
        apply(new WhiteboardUpdatedEvent(
                session.id(),
                session.tenant(),
                command.batchId(),
                command.actor().userId(),
                ops,
                clock.instant()));
    }

    @CommandHandler
    void handle(ShowCtaCommand command, ClassContext session, Clock clock) throws DomainException {
        session.authorize(command.actor());
        session.requireNotOver();
        apply(new CtaShownEvent(
                session.id(),
                session.tenant(),
                command.ctaId(),
                command.label(),
                command.url(),
                command.actor().subject(),
                clock.instant()));
    }

    /** Returns false when no call to action is shown. */
    @CommandHandler
    boolean handle(HideCtaCommand command, ClassContext session, Clock clock) throws DomainException {
        session.authorize(command.actor());
        if (cta == null) {
            return false;
        }
        apply(new CtaHiddenEvent(
                session.id(), session.tenant(), cta, command.actor().subject(), clock.instant()));
        return true;
    }

    @EventSourcingHandler
    void on(SceneChangedEvent event) {
        activeScene = event.sceneId();
        layout = event.layout();
    }

    @EventSourcingHandler
    void on(LayoutChangedEvent event) {
        layout = event.layout();
    }

    @EventSourcingHandler
    void on(WhiteboardUpdatedEvent event) {
        board.apply(event.ops(), event.userId());
    }

    @EventSourcingHandler
    void on(DeckAddedEvent event) {
        deckPages.put(event.deckId(), event.pageCount());
    }

    @EventSourcingHandler
    void on(CtaShownEvent event) {
        cta = event.ctaId();
    }

    @EventSourcingHandler
    void on(CtaHiddenEvent event) {
        cta = null;
    }
}
