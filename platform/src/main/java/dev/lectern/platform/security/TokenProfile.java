package dev.lectern.platform.security;

import dev.lectern.events.input.FreeText;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What a verified token says about the person, from the standard OIDC claims (docs/adr/0027): the display
 * name from {@code name}, else {@code preferred_username}; the e-mail from {@code email}. A claim is a value
 * Lectern extracts, not text a person typed into Lectern, so it follows the extracted-text branch of the one
 * input rule ({@link FreeText#replaceRefused}): control characters (NUL included) and unpaired surrogates
 * become spaces, the name is trimmed and cut to {@value #MAX_NAME} code points. A claim that is not a string,
 * or is blank after that, counts as absent. An e-mail is never rewritten: one that is not a single
 * {@code local@domain} of at most 254 characters without refused characters counts as absent.
 *
 * @param displayName the name to store, or null when the token carries none usable
 * @param email       the e-mail to store, or null when the token carries none usable
 */
record TokenProfile(String displayName, String email) {

    static final int MAX_NAME = 200;
    static final int MAX_EMAIL = 254;
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+");

    static TokenProfile of(Map<String, Object> claims) {
        String name = name(claims.get("name"));
        if (name == null) {
            name = name(claims.get("preferred_username"));
        }
        return new TokenProfile(name, email(claims.get("email")));
    }

    /** A usable display name from a claim value, or null. */
    static String name(Object claim) {
        if (!(claim instanceof String text)) {
            return null;
        }
        return cut(FreeText.replaceRefused(text).strip());
    }

    /** The same rule for text that must become a display name (a subject, when there is no name). */
    static String cut(String text) {
        String cut = text.codePointCount(0, text.length()) > MAX_NAME
                ? text.substring(0, text.offsetByCodePoints(0, MAX_NAME)).strip()
                : text;
        return cut.isEmpty() ? null : cut;
    }

    private static String email(Object claim) {
        if (!(claim instanceof String text)
                || text.length() > MAX_EMAIL
                || FreeText.problem(text, false) != null
                || !EMAIL.matcher(text).matches()) {
            return null;
        }
        return text;
    }
}
