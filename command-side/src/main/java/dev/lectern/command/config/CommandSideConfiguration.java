package dev.lectern.command.config;

import dev.lectern.command.idempotency.IdempotencyKeyArgumentResolver;
import org.axonframework.common.caching.Cache;
import org.axonframework.common.caching.EhCache3Adapter;
import org.ehcache.CacheManager;
import org.ehcache.config.builders.CacheConfigurationBuilder;
import org.ehcache.config.builders.CacheManagerBuilder;
import org.ehcache.config.builders.ResourcePoolsBuilder;
import org.ehcache.core.Ehcache;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.config.WebFluxConfigurer;
import org.springframework.web.reactive.result.method.annotation.ArgumentResolverConfigurer;

/** The command side as a library: aggregates, write endpoints, idempotency. Assembled by the platform. */
@Configuration(proxyBeanMethods = false)
@ComponentScan(basePackages = "dev.lectern.command")
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
        org.ehcache.Cache<Object, Object> cache = aggregateCacheManager.createCache("sessions",
                CacheConfigurationBuilder.newCacheConfigurationBuilder(Object.class, Object.class,
                        ResourcePoolsBuilder.heap(CACHED_SESSIONS)).build());
        return new EhCache3Adapter((Ehcache) cache);
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
