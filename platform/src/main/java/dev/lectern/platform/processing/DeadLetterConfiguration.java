package dev.lectern.platform.processing;

import dev.lectern.command.tables.WriteSideTables;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.Configurer;
import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.deadletter.jdbc.DeadLetterSchema;
import org.axonframework.eventhandling.deadletter.jdbc.JdbcSequencedDeadLetterQueue;
import org.axonframework.serialization.Serializer;
import org.axonframework.springboot.EventProcessorProperties;
import org.axonframework.springboot.util.DeadLetterQueueProviderConfigurerModule;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Poison isolation for every processing group, present and future, without per-group configuration:
 * Axon's sequenced dead-letter queue on JDBC ({@code dead_letter_entry}), sequenced per class
 * ({@link ClassSequencingPolicy}), parking every failure ({@link RetryWithBackoff}) and retried with
 * backoff ({@link DeadLetterRetries}). A reset of a group (a rebuild) clears its dead letters; the
 * replay parks again what still fails. See docs/adr/0012-poison-isolation-dead-letters.md.
 *
 * <p>Replaces Axon's property-driven module (which enables a queue only for groups named under
 * {@code axon.eventhandling.processors.<group>.dlq.enabled}) by declaring a bean of its type.
 * Sagas are not event handling components: Axon 4 has no dead-letter queue for them (see the ADR).
 * The one exception is the command side's subscribing group {@link WriteSideTables#PROCESSING_GROUP}: its handlers
 * run in the command's own transaction and a failure must fail the command, not park the event
 * (docs/adr/0021-write-side-tables-fed-by-events.md).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(DeadLetterProperties.class)
public class DeadLetterConfiguration {

    @Bean
    DeadLetterQueueProviderConfigurerModule deadLetterQueueProviderConfigurerModule(
            ConnectionProvider connectionProvider,
            TransactionManager transactionManager,
            DeadLetterSchema schema,
            @Qualifier("eventSerializer") Serializer eventSerializer,
            Serializer genericSerializer,
            DeadLetterProperties properties) {
        return new EveryGroup(
                connectionProvider, transactionManager, schema, eventSerializer, genericSerializer, properties);
    }

    /** Each event handler in a savepoint, so a failing statement parks its class instead of aborting the batch. */
    @Bean
    SavepointPerEvent savepointPerEvent(PlatformTransactionManager transactionManager) {
        return new SavepointPerEvent(transactionManager);
    }

    @Bean
    RetryWithBackoff retryWithBackoff(DeadLetterProperties properties) {
        return new RetryWithBackoff(properties);
    }

    private static final class EveryGroup extends DeadLetterQueueProviderConfigurerModule {

        private final ConnectionProvider connectionProvider;
        private final TransactionManager transactionManager;
        private final DeadLetterSchema schema;
        private final Serializer eventSerializer;
        private final Serializer genericSerializer;
        private final DeadLetterProperties properties;

        EveryGroup(
                ConnectionProvider connectionProvider,
                TransactionManager transactionManager,
                DeadLetterSchema schema,
                Serializer eventSerializer,
                Serializer genericSerializer,
                DeadLetterProperties properties) {
            super(new EventProcessorProperties(), group -> null);
            this.connectionProvider = connectionProvider;
            this.transactionManager = transactionManager;
            this.schema = schema;
            this.eventSerializer = eventSerializer;
            this.genericSerializer = genericSerializer;
            this.properties = properties;
        }

        @Override
        public void configureModule(Configurer configurer) {
            EventProcessingConfigurer processing = configurer.eventProcessing();
            RetryWithBackoff policy = new RetryWithBackoff(properties);
            ClassSequencingPolicy perClass = new ClassSequencingPolicy();
            processing
                    .registerDefaultSequencingPolicy(c -> perClass)
                    .registerDefaultDeadLetterPolicy(c -> policy)
                    .registerDeadLetterQueueProvider(group -> {
                        // Axon asks this once per event handling group while it assembles the processors,
                        // after every other registration: the one place that sees every group. The class
                        // sequence is set here too because Axon's Spring Boot configuration registers the
                        // per-aggregate policy explicitly for each processor named in the properties.
                        if (WriteSideTables.PROCESSING_GROUP.equals(group)) {
                            return null;
                        }
                        processing.registerSequencingPolicy(group, c -> perClass);
                        processing.registerDeadLetteringEventHandlerInvokerConfiguration(
                                group, (c, invoker) -> invoker.allowReset(true).enableSequenceIdentifierCache());
                        return c -> queue(group);
                    });
        }

        private JdbcSequencedDeadLetterQueue<EventMessage<?>> queue(String group) {
            return JdbcSequencedDeadLetterQueue.<EventMessage<?>>builder()
                    .processingGroup(group)
                    .connectionProvider(connectionProvider)
                    .transactionManager(transactionManager)
                    .schema(schema)
                    .eventSerializer(eventSerializer)
                    .genericSerializer(genericSerializer)
                    .maxSequences(properties.maxSequences())
                    .maxSequenceSize(properties.maxSequenceSize())
                    .build();
        }
    }
}
