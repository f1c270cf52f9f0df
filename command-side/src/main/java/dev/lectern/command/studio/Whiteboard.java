package dev.lectern.command.studio;

import dev.lectern.events.error.DomainException;
import dev.lectern.events.error.ErrorCode;
import dev.lectern.events.identity.UserId;
import dev.lectern.events.studio.WhiteboardOp;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** What a whiteboard batch may contain: bounded, well-formed vector operations, nothing else. */
public final class Whiteboard {

    public static final int MAX_OPS = 100;
    public static final int MAX_POINTS = 4000;
    public static final int MAX_TEXT = 500;
    private static final Set<String> TYPES = Set.of("stroke", "shape", "text", "erase", "clear", "undo");
    private static final Set<String> SHAPES = Set.of("rect", "ellipse", "line", "arrow");
    private static final Pattern COLOR = Pattern.compile("^#[0-9a-fA-F]{6}$");
    private static final Pattern ID = Pattern.compile("^[A-Za-z0-9_-]{1,64}$");

    private Whiteboard() {}

    public static List<WhiteboardOp> validate(List<WhiteboardOp> ops) throws DomainException {
        if (ops == null || ops.isEmpty() || ops.size() > MAX_OPS) {
            throw invalid("ops: 1 to " + MAX_OPS + " operations per batch");
        }
        for (int i = 0; i < ops.size(); i++) {
            WhiteboardOp op = ops.get(i);
            String where = "ops[" + i + "]: ";
            if (op == null || op.type() == null || !TYPES.contains(op.type())) {
                throw invalid(where + "type must be one of " + TYPES);
            }
            switch (op.type()) {
                case "stroke", "shape", "text" -> {
                    if (op.id() == null || !ID.matcher(op.id()).matches()) {
                        throw invalid(where + "id: 1-64 letters, digits, '-' or '_'");
                    }
                    if (op.color() != null && !COLOR.matcher(op.color()).matches()) {
                        throw invalid(where + "color must look like #1a2b3c");
                    }
                    if (op.width() != null && (op.width() <= 0 || op.width() > 100)) {
                        throw invalid(where + "width must be in (0, 100]");
                    }
                    int needed = switch (op.type()) {
                        case "shape" -> 4;
                        case "text" -> 2;
                        default -> 2;
                    };
                    List<Double> points = op.points();
                    if (points == null
                            || points.size() < needed
                            || points.size() > MAX_POINTS
                            || points.size() % 2 != 0
                            || ("shape".equals(op.type()) && points.size() != 4)
                            || ("text".equals(op.type()) && points.size() != 2)) {
                        throw invalid(where + "points: x,y pairs (shape: exactly 2 points, text: 1, stroke: up to "
                                + MAX_POINTS / 2 + ")");
                    }
                    for (Double v : points) {
                        if (v == null || v.isNaN() || v < 0 || v > 1) {
                            throw invalid(where + "coordinates are fractions of the board, between 0 and 1");
                        }
                    }
                    if ("shape".equals(op.type()) && (op.shape() == null || !SHAPES.contains(op.shape()))) {
                        throw invalid(where + "shape must be one of " + SHAPES);
                    }
                    if ("text".equals(op.type())
                            && (op.text() == null
                                    || op.text().isBlank()
                                    || op.text().length() > MAX_TEXT)) {
                        throw invalid(where + "text: 1 to " + MAX_TEXT + " characters");
                    }
                }
                case "erase" -> {
                    if (op.targetId() == null || !ID.matcher(op.targetId()).matches()) {
                        throw invalid(where + "targetId names the element to erase");
                    }
                }
                default -> {
                    // clear and undo take no arguments
                }
            }
        }
        return List.copyOf(ops);
    }

    /**
     * Which elements are on the board and who drew them, folded exactly as the live state folds batches
     * (docs/live-state.md): an erase must name an element on the board and an undo needs an element of its
     * author, else the batch is refused (ELEMENT_NOT_FOUND) and nothing is appended.
     */
    static final class Board {

        private record Element(String id, UserId author) {}

        private final List<Element> elements = new ArrayList<>();

        /** Refuses the batch if one of its operations would name nothing, given the operations before it. */
        void requireApplicable(List<WhiteboardOp> ops, UserId author) throws DomainException {
            Board trial = new Board();
            trial.elements.addAll(elements);
            for (int i = 0; i < ops.size(); i++) {
                WhiteboardOp op = ops.get(i);
                if (!trial.step(op, author)) {
                    throw new DomainException(
                            ErrorCode.ELEMENT_NOT_FOUND,
                            "ops[" + i + "]: "
                                    + ("undo".equals(op.type())
                                            ? "nothing of yours is on the board to undo"
                                            : "no element " + op.targetId() + " is on the board"));
                }
            }
        }

        void apply(List<WhiteboardOp> ops, UserId author) {
            for (WhiteboardOp op : ops) {
                step(op, author);
            }
        }

        /** False when the operation names an element that is not there. */
        private boolean step(WhiteboardOp op, UserId author) {
            switch (op.type()) {
                case "stroke", "shape", "text" -> {
                    elements.removeIf(e -> e.id().equals(op.id()));
                    elements.add(new Element(op.id(), author));
                    return true;
                }
                case "erase" -> {
                    return elements.removeIf(e -> e.id().equals(op.targetId()));
                }
                case "clear" -> {
                    elements.clear();
                    return true;
                }
                case "undo" -> {
                    for (int i = elements.size() - 1; i >= 0; i--) {
                        if (author != null && author.equals(elements.get(i).author())) {
                            elements.remove(i);
                            return true;
                        }
                    }
                    return false;
                }
                default -> {
                    return true;
                }
            }
        }
    }

    private static DomainException invalid(String detail) {
        return new DomainException(ErrorCode.VALIDATION_FAILED, detail);
    }
}
