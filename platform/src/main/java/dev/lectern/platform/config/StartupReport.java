package dev.lectern.platform.config;

import java.lang.management.ManagementFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/** Says, once ready, which parts are embedded and which are external (operators ask this first). */
@Component
class StartupReport {

    private static final Logger log = LoggerFactory.getLogger(StartupReport.class);

    @EventListener(ApplicationReadyEvent.class)
    void report(ApplicationReadyEvent event) {
        Environment env = event.getApplicationContext().getEnvironment();
        long uptime = ManagementFactory.getRuntimeMXBean().getUptime();
        log.info(
                "Lectern ready in {} ms on port {}: identity={}; database={}; object storage={}; redis={}; livekit={}; axon server={}; data dir={}",
                uptime,
                env.getProperty("local.server.port"),
                env.getProperty("lectern.runtime.identity"),
                env.getProperty("lectern.runtime.database"),
                env.getProperty("lectern.runtime.object-storage"),
                env.getProperty("lectern.runtime.redis"),
                env.getProperty("lectern.runtime.livekit"),
                env.getProperty("lectern.runtime.axon-server"),
                env.getProperty("lectern.runtime.data-dir"));
    }
}
