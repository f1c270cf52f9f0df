package dev.lectern.sagas.livekit;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** {@code LIVEKIT_URL}, {@code LIVEKIT_API_KEY}, {@code LIVEKIT_API_SECRET}; no URL means media off. */
@ConfigurationProperties("lectern.livekit")
public record LiveKitProperties(String url, String apiKey, String apiSecret) {

    boolean configured() {
        return url != null && !url.isBlank();
    }
}
