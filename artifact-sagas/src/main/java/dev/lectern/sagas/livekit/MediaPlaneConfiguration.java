package dev.lectern.sagas.livekit;

import dev.lectern.events.media.MediaPlane;
import dev.lectern.sagas.storage.StorageProperties;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Duration;

/** Chooses the media plane: LiveKit when {@code LIVEKIT_URL} is set, else media off. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(LiveKitProperties.class)
class MediaPlaneConfiguration {

    @Bean
    MediaPlane mediaPlane(LiveKitProperties properties, StorageProperties storage) {
        if (!properties.configured()) {
            return new MediaOffPlane();
        }
        if (properties.apiKey() == null || properties.apiKey().isBlank()
                || properties.apiSecret() == null || properties.apiSecret().isBlank()) {
            throw new IllegalStateException("LIVEKIT_URL is set: LIVEKIT_API_KEY and LIVEKIT_API_SECRET are required too");
        }
        return new LiveKitMediaPlane(properties, storage, Duration.ofSeconds(5));
    }

    /**
     * {@code mediaPlane} in /actuator/health: UP with "off" when there is no media plane; else one cheap
     * authenticated call to LiveKit. Not part of readiness: a node without LiveKit still serves running
     * classes' control plane; starting a class fails on its own with 503.
     */
    @Bean
    HealthIndicator mediaPlaneHealth(MediaPlane media) {
        return () -> {
            if (!media.enabled()) {
                return Health.up().withDetail("media", "off").build();
            }
            try {
                media.participants("lectern-health-probe");
                return Health.up().withDetail("media", "livekit").build();
            } catch (MediaPlane.MediaPlaneUnavailableException | RuntimeException e) {
                return Health.down().withDetail("media", "livekit").withDetail("error", e.getMessage()).build();
            }
        };
    }
}
