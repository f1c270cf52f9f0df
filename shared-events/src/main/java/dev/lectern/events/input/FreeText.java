package dev.lectern.events.input;

/**
 * The one rule for text that people type (docs/adr/0013-one-input-rule.md). Text is refused, never
 * cleaned, when it holds a code point that no stored event, JSON column or screen can carry safely:
 * U+0000 and the other C0 controls, DEL, the C1 controls (U+0080..U+009F) and unpaired UTF-16
 * surrogates. Newline and tab are allowed only in multi-line text (chat, questions, answers,
 * whiteboard text, reasons). Used by the strict JSON binding of every request body, by the
 * {@code @PlainText} constraint of request fields and by query parameters and form fields.
 */
public final class FreeText {

    private FreeText() {}

    /** Null when {@code text} is acceptable; otherwise why not, phrased to follow a field name ("must not ..."). */
    public static String problem(CharSequence text, boolean multiLine) {
        if (text == null) {
            return null;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                    i++;
                    continue;
                }
                return unpaired(i);
            }
            if (Character.isLowSurrogate(c)) {
                return unpaired(i);
            }
            if (c == '\n' || c == '\t') {
                if (!multiLine) {
                    return "must be a single line (no newline or tab, at " + i + ")";
                }
            } else if (isControl(c)) {
                return "must not contain the control character " + String.format("U+%04X", (int) c) + " (at " + i + ")";
            }
        }
        return null;
    }

    /**
     * For text Lectern did not get from a person but extracts (a PDF's title, a page's first line, a file
     * name): every code unit the rule refuses becomes a space, so that extracted text obeys the same rule.
     */
    public static String replaceRefused(CharSequence text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                out.append(c).append(text.charAt(++i));
            } else if (Character.isSurrogate(c) || isControl(c)) {
                out.append(' ');
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** C0 (U+0000..U+001F), DEL and C1 (U+0080..U+009F). */
    public static boolean isControl(char c) {
        return c < 0x20 || (c >= 0x7F && c <= 0x9F);
    }

    private static String unpaired(int index) {
        return "must be valid Unicode: an unpaired surrogate at " + index;
    }
}
