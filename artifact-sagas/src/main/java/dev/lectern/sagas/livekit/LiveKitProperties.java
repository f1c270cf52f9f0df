package dev.lectern.sagas.livekit;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;

/**
 * {@code LIVEKIT_URL} (how Lectern reaches LiveKit), {@code LIVEKIT_PUBLIC_URL} (how browsers reach it, when
 * different: e.g. {@code wss://media.example.edu}; default LIVEKIT_URL with ws), {@code LIVEKIT_API_KEY},
 * {@code LIVEKIT_API_SECRET}; no URL means media off. {@code LIVEKIT_CALL_TIMEOUT} bounds every call
 * (connect, read and whole call; default 5 s).
 */
@ConfigurationProperties("lectern.livekit")
public record LiveKitProperties(String url, String publicUrl, String apiKey, String apiSecret, Duration callTimeout) {

    @ConstructorBinding
    public LiveKitProperties {
        callTimeout = callTimeout == null ? Duration.ofSeconds(5) : callTimeout;
    }

    public LiveKitProperties(String url, String publicUrl, String apiKey, String apiSecret) {
        this(url, publicUrl, apiKey, apiSecret, null);
    }

    boolean configured() {
        return url != null && !url.isBlank();
    }
}
