package dev.lectern.sagas.config;

import dev.lectern.sagas.storage.StorageProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;

/** Sagas and their adapters as a library. Assembled by the platform. */
@Configuration(proxyBeanMethods = false)
@ComponentScan(basePackages = "dev.lectern.sagas")
@EnableConfigurationProperties(StorageProperties.class)
public class ArtifactSagasConfiguration {}
