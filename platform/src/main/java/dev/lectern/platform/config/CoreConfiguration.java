package dev.lectern.platform.config;

import com.zaxxer.hikari.HikariDataSource;
import java.time.Clock;
import javax.sql.DataSource;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.interceptors.CorrelationDataInterceptor;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.jdbc.DataSourceProperties;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.PlatformTransactionManager;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(DataSourceProperties.class)
class CoreConfiguration {

    /**
     * JDBC for the event store, token store, projectors and idempotency keys. Declared here because
     * Spring Boot's DataSource auto-configuration steps aside whenever an R2DBC ConnectionFactory
     * exists, and Lectern needs both (JDBC writes, R2DBC reads) on the same database.
     */
    @Bean
    @ConfigurationProperties("spring.datasource.hikari")
    HikariDataSource dataSource(DataSourceProperties properties) {
        HikariDataSource dataSource = properties
                .initializeDataSourceBuilder()
                .type(HikariDataSource.class)
                .build();
        dataSource.setPoolName("lectern-jdbc");
        return dataSource;
    }

    /** Aggregates and sagas get time from here, never from Instant.now(), so tests can fix it. */
    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    /**
     * The JDBC transaction manager that Axon's units of work, the token store, projectors and
     * idempotency keys share. Declared explicitly: with R2DBC on the classpath too, Spring Boot
     * would otherwise create only one of the two kinds depending on ordering.
     */
    @Bean
    @Primary
    PlatformTransactionManager transactionManager(DataSource dataSource) {
        return new JdbcTransactionManager(dataSource);
    }

    /**
     * Copies the cause (request id, idempotency key and acting subject of an HTTP request; delivery id of
     * a webhook; saga and deadline of a system action) from what is handled onto every message it causes.
     */
    @Bean
    CorrelationDataProvider requestCorrelation() {
        return new CauseCorrelation();
    }

    /**
     * Deadline managers start their own units of work without the application's correlation data
     * providers: without this, commands sent by a saga's deadline handler (attendance reconciliation,
     * recording checks) and their events would carry no cause at all.
     */
    @Bean
    static BeanPostProcessor deadlineCauses() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String name) {
                if (bean instanceof DeadlineManager deadlines) {
                    deadlines.registerHandlerInterceptor(new CorrelationDataInterceptor<>(new CauseCorrelation()));
                }
                return bean;
            }
        };
    }
}
