package dev.lectern.command.poll;

import java.util.List;

/** The JSON bodies of the poll endpoints. */
final class PollViews {

    private PollViews() {}

    /** {@code counts}, {@code ballots} and {@code correctOptions} are absent when the reader may not see them yet. */
    record PollView(
            String pollId,
            String sessionId,
            String status,
            String question,
            List<String> options,
            boolean multipleChoice,
            boolean allowChange,
            boolean showLiveResults,
            List<Integer> correctOptions,
            List<Long> counts,
            Long ballots) {}

    record StatusView(String pollId, String status, List<Long> counts, Long ballots) {}

    /** {@code outcome}: cast, changed, or unchanged (the same options again). */
    record VoteView(String pollId, String userId, List<Integer> options, String outcome) {}
}
