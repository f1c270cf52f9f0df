package dev.lectern.platform.config;

import org.axonframework.commandhandling.CommandBus;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Interceptors for every command handler, on whichever command bus is in use (local or Axon Server). */
@Configuration(proxyBeanMethods = false)
class CommandBusConfiguration {

    /** Error codes survive a distributed command bus: {@link ExceptionWrappingHandlerInterceptor}. */
    @Bean
    ExceptionWrappingHandlerInterceptor exceptionWrappingHandlerInterceptor(CommandBus commandBus) {
        ExceptionWrappingHandlerInterceptor interceptor = new ExceptionWrappingHandlerInterceptor();
        commandBus.registerHandlerInterceptor(interceptor);
        return interceptor;
    }
}
