package dev.lectern.platform.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.boot.web.codec.CodecCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.codec.json.Jackson2JsonDecoder;

/**
 * Request bodies are decoded with {@link StrictJson}; responses are still encoded with the application's
 * ObjectMapper. Ordered after Spring Boot's own Jackson customizer, which would otherwise put the
 * lenient mapper back. {@code spring.codec.max-in-memory-size} still applies to this decoder.
 */
@Configuration(proxyBeanMethods = false)
class StrictJsonConfiguration {

    @Bean
    @Order(Ordered.LOWEST_PRECEDENCE)
    CodecCustomizer strictRequestBodies(ObjectMapper shared) {
        ObjectMapper strict = StrictJson.requestBodies(shared);
        return codecs -> codecs.defaultCodecs().jackson2JsonDecoder(new Jackson2JsonDecoder(strict));
    }
}
