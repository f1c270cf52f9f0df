package dev.lectern.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The profile claims follow the extracted-text rule: cleaned, cut, or absent; never an error (docs/adr/0027). */
class TokenProfileTest {

    @Test
    void nameThenPreferredUsernameAndTheEmail() {
        assertThat(TokenProfile.of(Map.of("name", " Ada Lovelace ", "preferred_username", "ada", "email", "ada@x.org")))
                .isEqualTo(new TokenProfile("Ada Lovelace", "ada@x.org"));
        assertThat(TokenProfile.of(Map.of("preferred_username", "ada"))).isEqualTo(new TokenProfile("ada", null));
        assertThat(TokenProfile.of(Map.of())).isEqualTo(new TokenProfile(null, null));
    }

    @Test
    void controlCharactersBecomeSpacesAndABlankNameIsAbsent() {
        assertThat(TokenProfile.of(Map.of("name", "Bob\u0000Tables\u0085")).displayName())
                .isEqualTo("Bob Tables");
        assertThat(TokenProfile.of(Map.of("name", "\u0000\t\n", "preferred_username", "bob"))
                        .displayName())
                .isEqualTo("bob");
        assertThat(TokenProfile.of(Map.of("name", "lone \uD800 surrogate")).displayName())
                .isEqualTo("lone   surrogate");
    }

    @Test
    void aLongNameIsCutTo200CodePointsWithoutSplittingOne() {
        assertThat(TokenProfile.of(Map.of("name", "x".repeat(10_000))).displayName())
                .hasSize(200);
        String emoji = "\uD83D\uDE00".repeat(300);
        String cut = TokenProfile.of(Map.of("name", emoji)).displayName();
        assertThat(cut.codePointCount(0, cut.length())).isEqualTo(200);
        assertThat(cut).isEqualTo("\uD83D\uDE00".repeat(200));
    }

    @Test
    void claimsOfTheWrongTypeAreAbsent() {
        assertThat(TokenProfile.of(Map.of("name", 42, "preferred_username", List.of("a"), "email", Map.of())))
                .isEqualTo(new TokenProfile(null, null));
    }

    @Test
    void anUnusableEmailIsAbsentNeverRewritten() {
        assertThat(TokenProfile.of(Map.of("email", "a\u0000@b.c")).email()).isNull();
        assertThat(TokenProfile.of(Map.of("email", "no-at-sign")).email()).isNull();
        assertThat(TokenProfile.of(Map.of("email", "a b@c.d")).email()).isNull();
        assertThat(TokenProfile.of(Map.of("email", "x".repeat(250) + "@c.de")).email())
                .isNull();
    }
}
