package dev.lectern.command.config;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code lectern.snapshots}: how often aggregates are snapshotted (docs/adr/0019-session-members-and-snapshots.md).
 *
 * @param sessionEvery a snapshot of a class after this many of its events; 0 turns Session snapshots off
 */
@ConfigurationProperties("lectern.snapshots")
public record SnapshotProperties(@DefaultValue("250") int sessionEvery) {

    public SnapshotProperties {
        if (sessionEvery < 0) {
            throw new IllegalArgumentException("lectern.snapshots.session-every must be 0 (off) or positive");
        }
    }
}
