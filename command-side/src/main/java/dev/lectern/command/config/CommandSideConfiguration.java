package dev.lectern.command.config;

import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;

/** The command side as a library: aggregates, write endpoints, idempotency. Assembled by the platform. */
@Configuration(proxyBeanMethods = false)
@ComponentScan(basePackages = "dev.lectern.command")
public class CommandSideConfiguration {
}
