package dev.lectern.command.config;

import dev.lectern.command.idempotency.IdempotencyKeyArgumentResolver;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.axonframework.common.AxonThreadFactory;
import org.axonframework.common.caching.Cache;
import org.axonframework.common.caching.EhCache3Adapter;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.NoSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.eventsourcing.SnapshotterSpanFactory;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.annotation.HandlerDefinition;
import org.axonframework.messaging.annotation.ParameterResolverFactory;
import org.axonframework.spring.eventsourcing.SpringAggregateSnapshotter;
import org.ehcache.CacheManager;
import org.ehcache.config.builders.CacheConfigurationBuilder;
import org.ehcache.config.builders.CacheManagerBuilder;
import org.ehcache.config.builders.ResourcePoolsBuilder;
import org.ehcache.core.Ehcache;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.config.WebFluxConfigurer;
import org.springframework.web.reactive.result.method.annotation.ArgumentResolverConfigurer;

/** The command side as a library: aggregates, write endpoints, idempotency. Assembled by the platform. */
@Configuration(proxyBeanMethods = false)
@ComponentScan(basePackages = "dev.lectern.command")
@EnableConfigurationProperties(SnapshotProperties.class)
public class CommandSideConfiguration {

    /** Live classes kept in memory at once; a class not in the cache is rebuilt from its events. */
    static final int CACHED_SESSIONS = 10_000;

    @Bean(destroyMethod = "close")
    CacheManager aggregateCacheManager() {
        return CacheManagerBuilder.newCacheManagerBuilder().build(true);
    }

    /**
     * A strong, bounded cache of Session aggregates: a busy class (a join storm, a vote) must not replay
     * its whole stream per command. Another node's append makes a cached copy stale; the event store's
     * unique (aggregate, sequence) key then refuses the write (409, retry with the same key), and Axon
     * evicts the entry.
     */
    @Bean
    Cache sessionCache(CacheManager aggregateCacheManager) {
        org.ehcache.Cache<Object, Object> cache = aggregateCacheManager.createCache(
                "sessions",
                CacheConfigurationBuilder.newCacheConfigurationBuilder(
                                Object.class, Object.class, ResourcePoolsBuilder.heap(CACHED_SESSIONS))
                        .build());
        return new EhCache3Adapter((Ehcache) cache);
    }

    /**
     * A snapshot of a class after every {@code lectern.snapshots.session-every} of its events, so that a class
     * that is not in the cache (another node, a restart, an eviction after a conflict) is loaded from its latest
     * snapshot and the events since (docs/adr/0019-session-members-and-snapshots.md).
     */
    @Bean
    SnapshotTriggerDefinition sessionSnapshotTrigger(
            SpringAggregateSnapshotter aggregateSnapshotter, SnapshotProperties properties) {
        return properties.sessionEvery() == 0
                ? NoSnapshotTriggerDefinition.INSTANCE
                : new EventCountSnapshotTriggerDefinition(aggregateSnapshotter, properties.sessionEvery());
    }

    /**
     * Snapshots are taken after the triggering command committed, on one thread of their own: never on the
     * request's thread. The queue holds at most one task per aggregate (Axon skips an aggregate whose snapshot
     * is already scheduled), so it is bounded by the number of classes.
     */
    @Bean(destroyMethod = "shutdown")
    ExecutorService snapshotExecutor() {
        return new ThreadPoolExecutor(
                1, 1, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(), new AxonThreadFactory("snapshots"));
    }

    /** Axon's Spring snapshotter (as its auto-configuration builds it), with the executor above. */
    @Bean
    SpringAggregateSnapshotter aggregateSnapshotter(
            org.axonframework.config.Configuration configuration,
            HandlerDefinition handlerDefinition,
            ParameterResolverFactory parameterResolverFactory,
            EventStore eventStore,
            TransactionManager transactionManager,
            SnapshotterSpanFactory spanFactory,
            ExecutorService snapshotExecutor) {
        return SpringAggregateSnapshotter.builder()
                .repositoryProvider(configuration::repository)
                .transactionManager(transactionManager)
                .eventStore(eventStore)
                .parameterResolverFactory(parameterResolverFactory)
                .handlerDefinition(handlerDefinition)
                .spanFactory(spanFactory)
                .executor(snapshotExecutor)
                .build();
    }

    /** Write endpoints declare an {@code IdempotencyKey} parameter (docs/adr/0020-thin-controllers-one-write-path.md). */
    @Bean
    WebFluxConfigurer idempotencyKeyArguments() {
        return new WebFluxConfigurer() {
            @Override
            public void configureArgumentResolvers(ArgumentResolverConfigurer configurer) {
                configurer.addCustomResolver(new IdempotencyKeyArgumentResolver());
            }
        };
    }
}
