package dev.lectern.events.studio;

import java.util.List;

/**
 * One whiteboard operation. {@code type}: {@code stroke} (freehand, {@code points} x,y pairs),
 * {@code shape} ({@code shape} rect|ellipse|line|arrow, {@code points} x1,y1,x2,y2), {@code text}
 * ({@code points} x,y and {@code text}), {@code erase} (removes element {@code targetId}),
 * {@code clear} (empties the board), {@code undo} (takes back the author's last element). Coordinates are
 * fractions of the board (0..1) so that every screen draws the same board. {@code id} names the element
 * a stroke, shape or text creates.
 */
public record WhiteboardOp(
        String type,
        String id,
        String shape,
        String color,
        Double width,
        List<Double> points,
        String text,
        String targetId) {}
