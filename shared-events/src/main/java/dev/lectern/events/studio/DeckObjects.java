package dev.lectern.events.studio;

import dev.lectern.events.identity.TenantId;
import dev.lectern.events.session.SessionId;

/**
 * Where one slide deck's objects live in the bucket: written by the upload endpoint (command side),
 * signed for clients by the page endpoint (query side).
 *
 * <pre>
 * decks/&lt;tenant&gt;/&lt;session&gt;/&lt;deckId&gt;/original.pdf
 * decks/&lt;tenant&gt;/&lt;session&gt;/&lt;deckId&gt;/pages/&lt;n&gt;.png   (n from 1; absent when page n failed to render)
 * decks/&lt;tenant&gt;/&lt;session&gt;/&lt;deckId&gt;/text.json
 * </pre>
 */
public record DeckObjects(TenantId tenant, SessionId session, DeckId deckId) {

    public String prefix() {
        return "decks/" + tenant.value() + "/" + session + "/" + deckId + "/";
    }

    public String original() {
        return prefix() + "original.pdf";
    }

    /** {@code page} is 1-based, as in {@code slide.changed}. */
    public String page(int page) {
        if (page < 1) {
            throw new IllegalArgumentException("pages are numbered from 1");
        }
        return prefix() + "pages/" + page + ".png";
    }

    public String text() {
        return prefix() + "text.json";
    }
}
