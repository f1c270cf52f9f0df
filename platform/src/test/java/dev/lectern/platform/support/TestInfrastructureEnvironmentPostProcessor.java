package dev.lectern.platform.support;

import java.util.LinkedHashMap;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/** Points every test application context at {@link TestInfrastructure}, before Lectern's own post-processor runs. */
public class TestInfrastructureEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

    /** Name of a property source a test puts into a second node's environment to override the shared settings. */
    public static final String NODE_OVERRIDES = "lectern-node-overrides";

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE - 10;
    }

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        environment
                .getPropertySources()
                .addFirst(new MapPropertySource(
                        "lectern-test-infrastructure", new LinkedHashMap<>(TestInfrastructure.properties())));
        // A second application node in a test may override single settings (e.g. a Redis that is down).
        var overrides = environment.getPropertySources().remove(NODE_OVERRIDES);
        if (overrides != null) {
            environment.getPropertySources().addFirst(overrides);
        }
    }
}
