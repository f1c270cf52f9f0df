package dev.lectern.sagas.livekit;

import dev.lectern.events.media.MediaPlane;
import dev.lectern.sagas.storage.StorageProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Chooses the media plane: LiveKit when {@code LIVEKIT_URL} is set, else media off. Its health
 * component ({@code mediaPlane}) is a cached background probe in the platform (docs/adr/0017).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(LiveKitProperties.class)
class MediaPlaneConfiguration {

    @Bean
    MediaPlane mediaPlane(LiveKitProperties properties, StorageProperties storage) {
        if (!properties.configured()) {
            return new MediaOffPlane();
        }
        if (properties.apiKey() == null
                || properties.apiKey().isBlank()
                || properties.apiSecret() == null
                || properties.apiSecret().isBlank()) {
            throw new IllegalStateException(
                    "LIVEKIT_URL is set: LIVEKIT_API_KEY and LIVEKIT_API_SECRET are required too");
        }
        return new LiveKitMediaPlane(properties, storage, properties.callTimeout());
    }
}
