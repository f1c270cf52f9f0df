package dev.lectern.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lectern.events.error.ErrorCode;
import java.sql.SQLException;
import org.axonframework.eventsourcing.eventstore.EventStoreException;
import org.junit.jupiter.api.Test;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;
import org.springframework.data.redis.RedisConnectionFailureException;
import org.springframework.transaction.TransactionSystemException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;

/** Which dependency failed decides the answer: its own code, 503, never "the event log" for S3, never a 500. */
class DependencyFailuresTest {

    @Test
    void aWriteCutByAPostgresqlShutdownIsEventLogUnavailable() {
        PSQLException shutdown = new PSQLException(
                new ServerErrorMessage("SFATAL\0C57P01\0Mterminating connection due to administrator command\0"));
        Throwable axonWrapped = new EventStoreException("An event could not be stored", shutdown);

        assertThat(ProblemWebExceptionHandler.classify(axonWrapped).code()).isEqualTo(ErrorCode.EVENT_LOG_UNAVAILABLE);
    }

    @Test
    void aCommitThatLostItsConnectionIsEventLogUnavailable() {
        Throwable commit = new TransactionSystemException(
                "Could not commit JDBC transaction",
                new SQLException("An I/O error occurred while sending to the backend.", "08006"));

        assertThat(ProblemWebExceptionHandler.classify(commit).code()).isEqualTo(ErrorCode.EVENT_LOG_UNAVAILABLE);
        assertThat(ErrorCode.EVENT_LOG_UNAVAILABLE.status()).isEqualTo(503);
    }

    @Test
    void aBadStatementIsStillAnInternalError() {
        Throwable syntax = new EventStoreException("boom", new SQLException("syntax error", "42601"));

        assertThat(ProblemWebExceptionHandler.classify(syntax).code()).isEqualTo(ErrorCode.INTERNAL);
    }

    @Test
    void objectStorageFailuresAreStorageUnavailableNotTheEventLog() {
        Throwable hung = new RuntimeException(ApiCallTimeoutException.create(10_000));
        Throwable refused = SdkClientException.create("Unable to execute HTTP request: Connection refused");

        assertThat(ProblemWebExceptionHandler.classify(hung).code()).isEqualTo(ErrorCode.STORAGE_UNAVAILABLE);
        assertThat(ProblemWebExceptionHandler.classify(refused).code()).isEqualTo(ErrorCode.STORAGE_UNAVAILABLE);
        assertThat(ProblemWebExceptionHandler.classify(refused).detail()).doesNotContain("event log");
    }

    @Test
    void redisFailuresAreNotTheEventLog() {
        Throwable redis = new RedisConnectionFailureException("Unable to connect to Redis");

        assertThat(ProblemWebExceptionHandler.classify(redis).code()).isEqualTo(ErrorCode.LIVE_FANOUT_UNAVAILABLE);
    }
}
