package dev.lectern.command.studio;

import dev.lectern.events.error.DomainException;
import dev.lectern.events.error.ErrorCode;
import java.util.Set;

/** The layouts a scene can have (what the composer and the clients know how to draw). */
public final class Layouts {

    public static final Set<String> ALL =
            Set.of("presentation_focus", "cameras_only", "side_by_side", "whiteboard", "speaker", "screen_share");

    private Layouts() {}

    public static void require(String layout) throws DomainException {
        if (layout == null || !ALL.contains(layout)) {
            throw new DomainException(
                    ErrorCode.VALIDATION_FAILED, "layout must be one of " + new java.util.TreeSet<>(ALL));
        }
    }
}
