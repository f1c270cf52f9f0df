package dev.lectern.events.poll;

import dev.lectern.events.EventName;
import dev.lectern.events.identity.TenantId;
import dev.lectern.events.session.SessionId;
import java.time.Instant;
import java.util.List;
import org.axonframework.serialization.Revision;

/** The results were shown to the class: counts per option (0-based) and the number of ballots. */
@EventName("poll.results_published")
@Revision("1")
public record PollResultsPublishedEvent(
        PollId pollId,
        SessionId sessionId,
        TenantId tenantId,
        List<Long> counts,
        long ballots,
        String publishedBy,
        Instant publishedAt)
        implements PollEvent {}
