package dev.lectern.command.poll;

import dev.lectern.command.web.PlainText;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.HashSet;
import java.util.List;

/** Request bodies of the poll endpoints: their shape is checked here (400 with errors[]), invariants by the aggregates. */
final class PollRequests {

    private PollRequests() {}

    /** {@code correctOptions} (0-based) makes the poll a quiz: in range, distinct, and exactly one for a single-choice poll. */
    record CreatePollRequest(
            @NotBlank @PlainText(max = 300, multiLine = true)
            String question,

            @NotNull @Size(min = 2, max = 10) List<@NotBlank @PlainText(max = 200) String> options,
            Boolean multipleChoice,
            Boolean allowChange,
            Boolean showLiveResults,
            @Size(min = 1, max = 10) List<@NotNull @Min(0) @Max(9) Integer> correctOptions) {

        boolean multiple() {
            return Boolean.TRUE.equals(multipleChoice);
        }

        @AssertTrue(message = "must name distinct existing options (0-based), exactly one unless multipleChoice")
        boolean isCorrectOptionsValid() {
            if (correctOptions == null || options == null || correctOptions.contains(null)) {
                return true;
            }
            boolean inRange = correctOptions.stream().allMatch(o -> o >= 0 && o < options.size());
            boolean distinct = new HashSet<>(correctOptions).size() == correctOptions.size();
            return inRange && distinct && (multiple() || correctOptions.size() == 1);
        }
    }

    /** The chosen options, 0-based. */
    record VoteRequest(@NotNull @Size(min = 1, max = 10) List<@NotNull @Min(0) @Max(9) Integer> options) {}
}
