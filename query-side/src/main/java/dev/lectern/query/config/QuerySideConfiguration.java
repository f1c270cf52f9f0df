package dev.lectern.query.config;

import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;

/** The query side as a library: projectors, read endpoints, replays. Assembled by the platform. */
@Configuration(proxyBeanMethods = false)
@ComponentScan(basePackages = "dev.lectern.query")
public class QuerySideConfiguration {}
