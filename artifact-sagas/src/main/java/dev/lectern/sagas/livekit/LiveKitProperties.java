package dev.lectern.sagas.livekit;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code LIVEKIT_URL} (how Lectern reaches LiveKit), {@code LIVEKIT_PUBLIC_URL} (how browsers reach it, when
 * different: e.g. {@code wss://media.example.edu}; default LIVEKIT_URL with ws), {@code LIVEKIT_API_KEY},
 * {@code LIVEKIT_API_SECRET}; no URL means media off.
 */
@ConfigurationProperties("lectern.livekit")
public record LiveKitProperties(String url, String publicUrl, String apiKey, String apiSecret) {

    boolean configured() {
        return url != null && !url.isBlank();
    }
}
