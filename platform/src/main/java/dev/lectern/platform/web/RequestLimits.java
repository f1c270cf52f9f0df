package dev.lectern.platform.web;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Lectern's own limits on a request's line and headers ({@code lectern.http.*}), enforced by
 * {@link RequestLimitsFilter} so that the answer is problem+json. Reactor Netty's limits
 * ({@code server.netty.max-initial-line-length}, {@code server.max-http-request-header-size}) are set
 * higher; only beyond those does Netty answer an empty 414/431 itself (docs/adr/0013-one-input-rule.md).
 */
@ConfigurationProperties("lectern.http")
public record RequestLimits(
        @DefaultValue("8KB") DataSize maxUriLength,
        @DefaultValue("16KB") DataSize maxHeaderSize) {}
