package dev.lectern.platform.health;

import org.springframework.boot.actuate.health.Status;

/** Lectern's one status beyond Spring Boot's: a degradable dependency is unavailable (docs/adr/0017). */
public final class HealthStatuses {

    /**
     * Object storage, Redis, LiveKit or the identity provider is unavailable: the node goes on serving
     * running classes (HTTP 200), what needs that dependency is refused with its own 503.
     */
    public static final Status DEGRADED = new Status("DEGRADED", "a degradable dependency is unavailable");

    private HealthStatuses() {}
}
