package dev.lectern.command.tables;

import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The command side's own tables (poll gate, ballots, presenters, scenes, revocations ...), kept current by event
 * handlers of one <em>subscribing</em> processing group, {@value #PROCESSING_GROUP}: they run while the command's unit
 * of work publishes its events, in its transaction, so a row and the event it follows commit or roll back together,
 * and a failing handler fails the command (docs/adr/0021-write-side-tables-fed-by-events.md). The group has no
 * dead-letter queue and no savepoint per event (the platform excludes it by this name): parking such an event would
 * let the command commit without the row the next command relies on.
 *
 * <p>Every write is an idempotent upsert, so an event delivered twice (or a backfilled row) changes nothing.
 */
@Configuration(proxyBeanMethods = false)
public class WriteSideTables {

    public static final String PROCESSING_GROUP = "write-side-tables";

    @Bean
    ConfigurerModule writeSideTablesInTheCommandsUnitOfWork() {
        return configurer -> configurer.eventProcessing(processing -> processing
                .registerSubscribingEventProcessor(PROCESSING_GROUP)
                .registerListenerInvocationErrorHandler(PROCESSING_GROUP, c -> PropagatingErrorHandler.instance())
                .registerErrorHandler(PROCESSING_GROUP, c -> PropagatingErrorHandler.instance()));
    }
}
