package dev.lectern.platform.health;

import dev.lectern.events.media.MediaPlane;
import dev.lectern.events.storage.ObjectStorage;
import dev.lectern.platform.security.IdentityProperties;
import io.r2dbc.spi.ConnectionFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import javax.sql.DataSource;
import org.springframework.boot.actuate.data.redis.RedisReactiveHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.jdbc.DataSourceHealthIndicator;
import org.springframework.boot.actuate.r2dbc.ConnectionFactoryHealthIndicator;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.ReactiveRedisConnectionFactory;

/**
 * One health component per dependency, each a cached background probe (never a call on the request
 * path), answering at once. Bean names replace Spring Boot's own {@code db}, {@code r2dbc} and
 * {@code redis} contributors, whose clients could hold a health request for a minute. Readiness is
 * the event log (db, r2dbc: the kill switch); everything else is degradable and shows as
 * {@code DEGRADED} without taking the node out of a load balancer. See docs/adr/0017.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(HealthConfiguration.ProbeProperties.class)
public class HealthConfiguration {

    /**
     * {@code lectern.health.*}: how often each kind of dependency is probed and how long a probe may take
     * before the component counts as failed.
     */
    @ConfigurationProperties("lectern.health")
    public record ProbeProperties(
            Duration databaseInterval,
            Duration redisInterval,
            Duration storageInterval,
            Duration mediaPlaneInterval,
            Duration identityInterval,
            Duration timeout) {

        public ProbeProperties {
            databaseInterval = or(databaseInterval, Duration.ofSeconds(2));
            redisInterval = or(redisInterval, Duration.ofSeconds(2));
            storageInterval = or(storageInterval, Duration.ofSeconds(10));
            mediaPlaneInterval = or(mediaPlaneInterval, Duration.ofSeconds(15));
            identityInterval = or(identityInterval, Duration.ofSeconds(30));
            timeout = or(timeout, Duration.ofSeconds(2));
        }

        private static Duration or(Duration value, Duration fallback) {
            return value == null ? fallback : value;
        }
    }

    @Bean
    BackgroundProbe dbHealthContributor(DataSource dataSource, ProbeProperties probes) {
        DataSourceHealthIndicator jdbc = new DataSourceHealthIndicator(dataSource, "SELECT 1");
        return new BackgroundProbe(
                "db", () -> statusOnly(jdbc.health()), probes.databaseInterval(), probes.timeout(), true);
    }

    @Bean
    BackgroundProbe r2dbcHealthContributor(ConnectionFactory connections, ProbeProperties probes) {
        ConnectionFactoryHealthIndicator r2dbc = new ConnectionFactoryHealthIndicator(connections);
        return new BackgroundProbe(
                "r2dbc",
                () -> statusOnly(r2dbc.health().block(probes.timeout())),
                probes.databaseInterval(),
                probes.timeout(),
                true);
    }

    @Bean
    @ConditionalOnExpression("!'${lectern.redis.url:}'.isBlank()")
    BackgroundProbe redisHealthContributor(ReactiveRedisConnectionFactory redis, ProbeProperties probes) {
        RedisReactiveHealthIndicator ping = new RedisReactiveHealthIndicator(redis);
        return new BackgroundProbe(
                "redis",
                () -> statusOnly(ping.health().block(probes.timeout())),
                probes.redisInterval(),
                probes.timeout(),
                false);
    }

    /**
     * The object store: a bucket round trip every {@code storage-interval}, and the outcome of the latest
     * real call in between, so that failing uploads show at once and a recovered store as soon as it answers.
     */
    @Bean
    HealthIndicator objectStorageHealthIndicator(ObjectStorage storage, ProbeProperties probes) {
        BackgroundProbe probe = new BackgroundProbe(
                "objectStorage",
                () -> {
                    storage.probe();
                    return Health.up().build();
                },
                probes.storageInterval(),
                probes.timeout(),
                false);
        return new ObjectStorageHealth(probe, storage);
    }

    private record ObjectStorageHealth(BackgroundProbe probe, ObjectStorage storage)
            implements HealthIndicator, org.springframework.beans.factory.DisposableBean {

        @Override
        public Health health() {
            Health probed = probe.health();
            ObjectStorage.Availability latest = storage.availability();
            if (latest != null && !latest.available() && !HealthStatuses.DEGRADED.equals(probed.getStatus())) {
                return Health.status(HealthStatuses.DEGRADED)
                        .withDetail("error", latest.error())
                        .withDetail("failedAt", latest.at().toString())
                        .build();
            }
            return probed;
        }

        @Override
        public void destroy() {
            probe.destroy();
        }
    }

    /** LiveKit: one cheap authenticated call every {@code media-plane-interval}; "off" without LiveKit. */
    @Bean
    HealthIndicator mediaPlaneHealthIndicator(MediaPlane media, ProbeProperties probes) {
        if (!media.enabled()) {
            return () -> Health.up().withDetail("media", "off").build();
        }
        return new BackgroundProbe(
                "mediaPlane",
                () -> {
                    media.participants("lectern-health-probe");
                    return Health.up().withDetail("media", "livekit").build();
                },
                probes.mediaPlaneInterval(),
                probes.timeout(),
                false);
    }

    /** The identity provider's keys (or discovery document) answer; absent with the development issuer. */
    @Bean
    @ConditionalOnExpression(
            "!'${lectern.identity.issuer-uri:}'.isBlank() or !'${lectern.identity.jwk-set-uri:}'.isBlank()")
    BackgroundProbe identityProviderHealthIndicator(IdentityProperties identity, ProbeProperties probes) {
        URI keys = URI.create(
                identity.jwkSetUri() != null && !identity.jwkSetUri().isBlank()
                        ? identity.jwkSetUri()
                        : identity.issuerUri().replaceAll("/+$", "") + "/.well-known/openid-configuration");
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(probes.timeout()).build();
        return new BackgroundProbe(
                "identityProvider",
                () -> {
                    int status = http.send(
                                    HttpRequest.newBuilder(keys)
                                            .timeout(probes.timeout())
                                            .GET()
                                            .build(),
                                    HttpResponse.BodyHandlers.discarding())
                            .statusCode();
                    return status == 200
                            ? Health.up().build()
                            : Health.down()
                                    .withDetail("error", "answered HTTP " + status)
                                    .build();
                },
                probes.identityInterval(),
                probes.timeout(),
                false);
    }

    /** Spring's indicators report versions and hosts; the public health answer carries only the status. */
    private static Health statusOnly(Health health) {
        if (health == null) {
            return Health.down().withDetail("error", "no answer").build();
        }
        Object error = health.getDetails().get("error");
        Health.Builder builder = Health.status(health.getStatus());
        return error == null
                ? builder.build()
                : builder.withDetail("error", String.valueOf(error)).build();
    }
}
