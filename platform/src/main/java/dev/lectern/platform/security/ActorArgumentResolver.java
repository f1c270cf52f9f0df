package dev.lectern.platform.security;

import dev.lectern.events.error.ErrorCode;
import dev.lectern.events.error.RequestRejectedException;
import dev.lectern.events.identity.Actor;
import dev.lectern.events.identity.TokenLifetime;
import dev.lectern.platform.web.ExchangeActor;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.MethodParameter;
import org.springframework.web.reactive.BindingContext;
import org.springframework.web.reactive.config.WebFluxConfigurer;
import org.springframework.web.reactive.result.method.HandlerMethodArgumentResolver;
import org.springframework.web.reactive.result.method.annotation.ArgumentResolverConfigurer;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Lets any controller declare an {@link Actor} parameter: the verified caller (and a {@link TokenLifetime}
 * parameter: when the caller's token expires). The sides need no
 * Spring Security on their classpath; the tenant can only come from here, never from the request.
 */
@Configuration(proxyBeanMethods = false)
public class ActorArgumentResolver implements HandlerMethodArgumentResolver, WebFluxConfigurer {

    @Override
    public void configureArgumentResolvers(ArgumentResolverConfigurer configurer) {
        configurer.addCustomResolver(this);
    }

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.getParameterType() == Actor.class || parameter.getParameterType() == TokenLifetime.class;
    }

    @Override
    public Mono<Object> resolveArgument(
            MethodParameter parameter, BindingContext bindingContext, ServerWebExchange exchange) {
        if (parameter.getParameterType() == TokenLifetime.class) {
            return exchange.getPrincipal()
                    .filter(ActorAuthentication.class::isInstance)
                    .map(principal -> (Object) ((ActorAuthentication) principal).lifetime())
                    .switchIfEmpty(Mono.error(() ->
                            new RequestRejectedException(ErrorCode.UNAUTHENTICATED, "Send a valid bearer token")));
        }
        return exchange.getPrincipal()
                .filter(ActorAuthentication.class::isInstance)
                .map(principal -> {
                    Actor actor = ((ActorAuthentication) principal).actor();
                    exchange.getAttributes().put(ExchangeActor.ATTRIBUTE, actor);
                    return (Object) actor;
                })
                .switchIfEmpty(Mono.error(
                        () -> new RequestRejectedException(ErrorCode.UNAUTHENTICATED, "Send a valid bearer token")));
    }
}
