package dev.lectern.platform.eventstore;

import dev.lectern.command.config.AggregateSnapshots;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.EventBusSpanFactory;
import org.axonframework.eventhandling.deadletter.jdbc.DeadLetterSchema;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jpa.SQLStateResolver;
import org.axonframework.modelling.saga.repository.jdbc.PostgresSagaSqlSchema;
import org.axonframework.modelling.saga.repository.jdbc.SagaSchema;
import org.axonframework.modelling.saga.repository.jdbc.SagaSqlSchema;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.upcasting.event.EventUpcaster;
import org.axonframework.springboot.TokenStoreProperties;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;

/**
 * Axon's JDBC event storage engine on PostgreSQL with Lectern's table names and snake_case columns.
 * Flyway owns every table (db/migration); Axon never creates schema. See docs/adr/0002.
 */
@Configuration(proxyBeanMethods = false)
public class EventStoreConfiguration {

    public static final String EVENT_TABLE = "session_state_events";
    public static final String SNAPSHOT_TABLE = "session_state_snapshots";

    @Bean
    EventSchema eventSchema() {
        return EventSchema.builder()
                .eventTable(EVENT_TABLE)
                .snapshotTable(SNAPSHOT_TABLE)
                .globalIndexColumn("global_index")
                .timestampColumn("time_stamp")
                .eventIdentifierColumn("event_identifier")
                .aggregateIdentifierColumn("aggregate_identifier")
                .sequenceNumberColumn("sequence_number")
                .typeColumn("type")
                .payloadTypeColumn("payload_type")
                .payloadRevisionColumn("payload_revision")
                .payloadColumn("payload")
                .metaDataColumn("meta_data")
                .build();
    }

    /** Stored events whose class has moved packages since still deserialize (docs/adr/0018-packages-by-feature.md). */
    @Bean
    static BeanPostProcessor movedEventTypes() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String name) {
                if ("eventSerializer".equals(name)
                        && bean instanceof Serializer serializer
                        && !(bean instanceof MovedEventTypes)) {
                    return new MovedEventTypes(serializer);
                }
                return bean;
            }
        };
    }

    /** pgjdbc's unique violation is SQLSTATE 23505; Axon's default resolver does not know it. */
    @Bean
    PersistenceExceptionResolver persistenceExceptionResolver() {
        return new SQLStateResolver("23505");
    }

    /**
     * Aggregate snapshots (session_state_snapshots) are written with the command side's snapshot serializer, which
     * reads and writes fields (docs/adr/0019-session-members-and-snapshots.md); the general serializer stays as it is.
     */
    @Bean
    EventStorageEngine eventStorageEngine(
            PersistenceExceptionResolver persistenceExceptionResolver,
            @Qualifier("eventSerializer") Serializer eventSerializer,
            org.axonframework.config.Configuration configuration,
            ConnectionProvider connectionProvider,
            TransactionManager transactionManager,
            EventSchema eventSchema,
            ObjectProvider<CommitSignal> commitSignal) {
        WatermarkedReads reads = new WatermarkedReads();
        return JdbcEventStorageEngine.builder()
                .snapshotSerializer(AggregateSnapshots.serializer())
                .upcasterChain(configuration.upcasterChain())
                .persistenceExceptionResolver(persistenceExceptionResolver)
                .eventSerializer(eventSerializer)
                .snapshotFilter(configuration.snapshotFilter())
                .connectionProvider(connectionProvider)
                .transactionManager(transactionManager)
                .schema(eventSchema)
                .dataType(byte[].class)
                .appendEvents(new SessionStateEventsAppender(
                        () -> commitSignal.getObject().committed()))
                .readEventDataWithoutGaps(reads.withoutGaps())
                .readEventDataWithGaps(reads.withGaps())
                .fetchTrackedEvents(reads.nextPosition())
                .build();
    }

    /**
     * Axon's embedded event store, woken after our database commits (not only Axon's) and polling
     * every {@code lectern.event-store.fetch-delay} for other nodes' commits.
     */
    @Bean
    WakeableEventStore eventStore(
            EventStorageEngine storageEngine,
            org.axonframework.config.Configuration configuration,
            @Value("${lectern.event-store.fetch-delay:PT0.1S}") Duration fetchDelay) {
        EmbeddedEventStore.Builder builder = EmbeddedEventStore.builder()
                .storageEngine(storageEngine)
                .messageMonitor(configuration.messageMonitor(EventStore.class, "eventStore"))
                .spanFactory(configuration.getComponent(EventBusSpanFactory.class))
                .fetchDelay(fetchDelay.toMillis())
                .timeUnit(TimeUnit.MILLISECONDS);
        return new WakeableEventStore(builder);
    }

    @Bean
    CommitSignal commitSignal(ObjectProvider<WakeableEventStore> eventStore) {
        return new CommitSignal(() -> eventStore.getObject().wake());
    }

    @Bean
    TokenSchema tokenSchema() {
        return TokenSchema.builder()
                .setTokenTable("token_entry")
                .setProcessorNameColumn("processor_name")
                .setSegmentColumn("segment")
                .setTokenColumn("token")
                .setTokenTypeColumn("token_type")
                .setTimestampColumn("timestamp")
                .setOwnerColumn("owner")
                .build();
    }

    /**
     * Axon's JDBC token store, with an owner name of its own for this application. Axon's default owner is
     * the JVM's name ({@code pid@host}): two applications in one JVM (or two containers that both run as
     * pid 1 on one host name) would then both hold every segment's claim and both process every event, so
     * each poisoned event would be parked once per node and every side effect would run twice. The name
     * can be set with {@code lectern.node-id}; by default it is the JVM's name and a random suffix.
     */
    @Bean
    TokenStore tokenStore(
            ConnectionProvider connectionProvider,
            Serializer defaultSerializer,
            TokenSchema tokenSchema,
            ObjectProvider<TokenStoreProperties> properties,
            @Value("${lectern.node-id:}") String nodeId) {
        Duration claimTimeout = properties.stream()
                .findFirst()
                .map(TokenStoreProperties::getClaimTimeout)
                .orElse(Duration.ofSeconds(10));
        return JdbcTokenStore.builder()
                .connectionProvider(connectionProvider)
                .schema(tokenSchema)
                .serializer(defaultSerializer)
                .claimTimeout(claimTimeout)
                .nodeId(nodeId.isBlank() ? defaultNodeId() : nodeId)
                .build();
    }

    static String defaultNodeId() {
        return ManagementFactory.getRuntimeMXBean().getName() + "/"
                + UUID.randomUUID().toString().substring(0, 8);
    }

    @Bean
    SagaSqlSchema sagaSqlSchema() {
        return new PostgresSagaSqlSchema(SagaSchema.builder()
                .sagaEntryTable("saga_entry")
                .revisionColumn("revision")
                .serializedSagaColumn("serialized_saga")
                .associationValueEntryTable("association_value_entry")
                .associationKeyColumn("association_key")
                .associationValueColumn("association_value")
                .sagaIdColumn("saga_id")
                .sagaTypeColumn("saga_type")
                .build());
    }

    @Bean
    DeadLetterSchema deadLetterSchema() {
        return DeadLetterSchema.builder()
                .deadLetterTable("dead_letter_entry")
                .deadLetterIdentifierColumn("dead_letter_id")
                .processingGroupColumn("processing_group")
                .sequenceIdentifierColumn("sequence_identifier")
                .sequenceIndexColumn("sequence_index")
                .messageTypeColumn("message_type")
                .eventIdentifierColumn("event_identifier")
                .timestampColumn("time_stamp")
                .payloadTypeColumn("payload_type")
                .payloadRevisionColumn("payload_revision")
                .payloadColumn("payload")
                .metaDataColumn("meta_data")
                .aggregateTypeColumn("aggregate_type")
                .aggregateIdentifierColumn("aggregate_identifier")
                .sequenceNumberColumn("sequence_number")
                .tokenTypeColumn("token_type")
                .tokenColumn("token")
                .enqueuedAtColumn("enqueued_at")
                .lastTouchedColumn("last_touched")
                .processingStartedColumn("processing_started")
                .causeTypeColumn("cause_type")
                .causeMessageColumn("cause_message")
                .diagnosticsColumn("diagnostics")
                .build();
    }

    @Bean
    @Order(1)
    EventUpcaster sessionScheduledEventUpcaster() {
        return new SessionScheduledEventUpcaster();
    }

    @Bean
    @Order(2)
    EventUpcaster participantJoinedEventUpcaster() {
        return new NullableFieldUpcaster(
                dev.lectern.events.attendance.ParticipantJoinedEvent.class, "1", "2", "displayName");
    }

    @Bean
    @Order(3)
    EventUpcaster chatMessagePostedEventUpcaster() {
        return new NullableFieldUpcaster(
                dev.lectern.events.interaction.ChatMessagePostedEvent.class, "1", "2", "displayName");
    }
}
