package dev.lectern.platform.security;

import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.JwtValidationException;

/**
 * Why a bearer token was refused, in words that are safe to send back ({@code error_description} of
 * {@code WWW-Authenticate}) and to log: the reason and what Lectern expects, never the token, never a
 * value copied from it. The table is in docs/identity.md.
 */
record TokenRefusal(Reason reason, String description) {

    enum Reason {
        EXPIRED,
        NOT_YET_VALID,
        NO_EXPIRY,
        WRONG_ISSUER,
        WRONG_AUDIENCE,
        UNKNOWN_SIGNING_KEY,
        BAD_SIGNATURE,
        UNSUPPORTED_ALGORITHM,
        MALFORMED,
        UNKNOWN_TENANT,
        INVALID
    }

    /** Descriptions of Lectern's own validators ({@link SecurityConfiguration}), matched below. */
    static final String WRONG_ISSUER_DESCRIPTION = "The iss claim is not valid";

    static final String WRONG_AUDIENCE_DESCRIPTION = "The aud claim is not valid";
    static final String NO_EXPIRY_DESCRIPTION = "The exp claim is not valid";
    static final String UNKNOWN_KEY_DESCRIPTION = "Unknown signing key";

    static TokenRefusal of(
            AuthenticationException failure, String token, String expectedIssuer, String expectedAudience) {
        if (failure.getCause() instanceof BadJwtException && !(failure.getCause() instanceof JwtValidationException)) {
            // Before the signature is checked, the header says what is wrong more precisely than Nimbus does.
            try {
                String algorithm =
                        JWTParser.parse(token).getHeader().getAlgorithm().getName();
                if (!"RS256".equals(algorithm)) {
                    return new TokenRefusal(Reason.UNSUPPORTED_ALGORITHM, "The token must be signed with RS256");
                }
            } catch (java.text.ParseException | RuntimeException unreadable) {
                return new TokenRefusal(Reason.MALFORMED, "The token is malformed");
            }
        }
        return new TokenRefusalClassifier(expectedIssuer, expectedAudience).classify(failure);
    }

    /** The header value: {@code Bearer error="invalid_token", error_description="..."}. */
    String wwwAuthenticate() {
        return "Bearer error=\"invalid_token\", error_description=\"" + headerSafe(description) + "\"";
    }

    /** RFC 6750: error_description is printable ASCII without {@code "} and {@code \}. */
    static String headerSafe(String text) {
        StringBuilder safe = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            safe.append(c >= 0x20 && c <= 0x7e && c != '"' && c != '\\' ? c : '_');
        }
        return safe.toString();
    }

    /**
     * The issuer and subject the token claims (unverified: for the log only), or "unreadable".
     * Control characters and overlong values are cut so that a forged token cannot forge log lines.
     */
    static String claimed(String token) {
        if (token == null) {
            return "no token";
        }
        try {
            JWT jwt = JWTParser.parse(token);
            JWTClaimsSet claims = jwt.getJWTClaimsSet();
            return "issuer " + logSafe(claims.getIssuer()) + ", subject " + logSafe(claims.getSubject());
        } catch (java.text.ParseException | RuntimeException e) {
            return "unreadable token";
        }
    }

    private static String logSafe(String value) {
        if (value == null) {
            return "(none)";
        }
        String cut = value.length() > 120 ? value.substring(0, 120) + "..." : value;
        return "'" + headerSafe(cut) + "'";
    }

    private record TokenRefusalClassifier(String issuer, String audience) {

        TokenRefusal classify(Throwable failure) {
            for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
                if (t instanceof UnknownTenantException) {
                    return new TokenRefusal(Reason.UNKNOWN_TENANT, t.getMessage());
                }
                if (t instanceof JwtValidationException invalid) {
                    return fromErrors(invalid.getErrors());
                }
                if (t instanceof BadJwtException bad) {
                    // Spring's message is generic ("Failed to validate the token"); Nimbus's cause says what failed.
                    StringBuilder messages = new StringBuilder();
                    for (Throwable c = bad; c != null; c = c.getCause() == c ? null : c.getCause()) {
                        messages.append(c.getMessage()).append(' ');
                    }
                    return fromMessage(messages.toString());
                }
            }
            return new TokenRefusal(Reason.INVALID, "The token is not valid");
        }

        /** Several checks may fail at once: the first in this order is the most useful to report. */
        private TokenRefusal fromErrors(Collection<OAuth2Error> errors) {
            List<String> descriptions =
                    errors.stream().map(e -> String.valueOf(e.getDescription())).toList();
            if (descriptions.contains(WRONG_ISSUER_DESCRIPTION)) {
                return new TokenRefusal(Reason.WRONG_ISSUER, "The token was not issued by " + issuer);
            }
            if (descriptions.contains(UNKNOWN_KEY_DESCRIPTION)) {
                return new TokenRefusal(
                        Reason.UNKNOWN_SIGNING_KEY, "The token is signed with a key the issuer does not publish");
            }
            if (descriptions.contains(WRONG_AUDIENCE_DESCRIPTION)) {
                return new TokenRefusal(Reason.WRONG_AUDIENCE, "The token's audience does not include " + audience);
            }
            if (descriptions.contains(NO_EXPIRY_DESCRIPTION)) {
                return new TokenRefusal(Reason.NO_EXPIRY, "The token has no expiry (exp)");
            }
            for (String description : descriptions) {
                String lower = description.toLowerCase(Locale.ROOT);
                if (lower.contains("expired")) {
                    return new TokenRefusal(Reason.EXPIRED, "The token has expired");
                }
                if (lower.contains("used before")) {
                    return new TokenRefusal(Reason.NOT_YET_VALID, "The token is not valid yet (nbf)");
                }
            }
            return new TokenRefusal(Reason.INVALID, "The token is not valid");
        }

        /** Failures before validation: parsing, key selection and signature (Nimbus's words). */
        private TokenRefusal fromMessage(String message) {
            String lower = message.toLowerCase(Locale.ROOT);
            if (lower.contains("malformed") || lower.contains("parse") || lower.contains("invalid serialized")) {
                return new TokenRefusal(Reason.MALFORMED, "The token is malformed");
            }
            if (lower.contains("expiresat must be after issuedat")) {
                return new TokenRefusal(Reason.INVALID, "The token expires before it was issued (exp before iat)");
            }
            if (lower.contains("expired")) {
                return new TokenRefusal(Reason.EXPIRED, "The token has expired");
            }
            if (lower.contains("before use time") || lower.contains("used before")) {
                return new TokenRefusal(Reason.NOT_YET_VALID, "The token is not valid yet (nbf)");
            }
            if (lower.contains("no matching key")) {
                return new TokenRefusal(
                        Reason.UNKNOWN_SIGNING_KEY, "The token is signed with a key the issuer does not publish");
            }
            if (lower.contains("signature")) {
                return new TokenRefusal(Reason.BAD_SIGNATURE, "The token's signature does not verify");
            }
            if (lower.contains("algorithm")) {
                return new TokenRefusal(Reason.UNSUPPORTED_ALGORITHM, "The token must be signed with RS256");
            }
            org.slf4j.LoggerFactory.getLogger(TokenRefusal.class).debug("Unclassified token refusal: {}", message);
            return new TokenRefusal(Reason.INVALID, "The token is not valid");
        }
    }
}
