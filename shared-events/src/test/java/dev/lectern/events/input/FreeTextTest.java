package dev.lectern.events.input;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The one text rule, code point by code point (docs/adr/0013-one-input-rule.md). */
class FreeTextTest {

    @Test
    void everyC0ControlExceptNewlineAndTabIsRefusedInMultiLineText() {
        for (char c = 0; c < 0x20; c++) {
            String problem = FreeText.problem("a" + c + "b", true);
            if (c == '\n' || c == '\t') {
                assertThat(problem).as("U+%04X", (int) c).isNull();
            } else {
                assertThat(problem).as("U+%04X", (int) c).contains(String.format("U+%04X", (int) c));
            }
        }
    }

    @Test
    void everyC0ControlIncludingNewlineAndTabIsRefusedInSingleLineText() {
        for (char c = 0; c < 0x20; c++) {
            assertThat(FreeText.problem("a" + c + "b", false))
                    .as("U+%04X", (int) c)
                    .isNotNull();
        }
        assertThat(FreeText.problem("a\nb", false)).contains("single line");
    }

    @Test
    void deleteAndEveryC1ControlIsRefused() {
        for (char c = 0x7F; c <= 0x9F; c++) {
            assertThat(FreeText.problem("x" + c, true)).as("U+%04X", (int) c).isNotNull();
            assertThat(FreeText.isControl(c)).isTrue();
        }
        assertThat(FreeText.problem("\u00A0non-breaking space is text", false)).isNull();
    }

    @Test
    void unpairedSurrogatesAreRefusedAndPairsAreText() {
        assertThat(FreeText.problem("\uD83D\uDE00 smile", false)).isNull();
        assertThat(FreeText.problem("lone high \uD83D", false)).contains("unpaired surrogate");
        assertThat(FreeText.problem("\uD83Dx", false)).contains("unpaired surrogate");
        assertThat(FreeText.problem("lone low \uDE00", false)).contains("unpaired surrogate");
        assertThat(FreeText.problem("\uDE00\uD83D", false)).contains("unpaired surrogate");
    }

    @Test
    void ordinaryTextOfEveryScriptIsAccepted() {
        assertThat(FreeText.problem("Grüße, 你好, مرحبا, שלום — <b>2 < 3</b> & \"quotes\"", false))
                .isNull();
        assertThat(FreeText.problem("line one\n\tline two", true)).isNull();
        assertThat(FreeText.problem("", false)).isNull();
        assertThat(FreeText.problem(null, false)).isNull();
    }

    @Test
    void extractedTextHasRefusedCodeUnitsReplacedBySpaces() {
        assertThat(FreeText.replaceRefused("a\u0000b\u0085c\uD83Dd\uD83D\uDE00"))
                .isEqualTo("a b c d\uD83D\uDE00");
        assertThat(FreeText.problem(FreeText.replaceRefused("x\u0001\n\u009F\uDE00"), false))
                .isNull();
    }
}
