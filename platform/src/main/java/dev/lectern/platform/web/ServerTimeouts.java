package dev.lectern.platform.web;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.LastHttpContent;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.embedded.netty.NettyServerCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import reactor.netty.NettyPipeline;

/**
 * Server-side timeouts (docs/adr/0017). {@code server.netty.idle-timeout} closes keep-alive
 * connections without a request. On top of that:
 * <ul>
 *   <li>request head: a connection must deliver a complete request line and headers within
 *       {@code lectern.server.request-head-timeout} of its first byte (or of being opened), so that a
 *       client trickling header bytes (slowloris) cannot hold a connection;</li>
 *   <li>request body: at most {@code lectern.server.read-timeout} between reads and
 *       {@code lectern.server.request-timeout} for the whole body (Reactor Netty's own timeouts; both
 *       apply only while a request body is being read, so SSE responses are not affected).</li>
 * </ul>
 */
@Configuration(proxyBeanMethods = false)
class ServerTimeouts {

    private static final Logger log = LoggerFactory.getLogger(ServerTimeouts.class);

    @Bean
    NettyServerCustomizer nettyTimeouts(
            @Value("${lectern.server.request-head-timeout:PT10S}") Duration head,
            @Value("${lectern.server.read-timeout:PT30S}") Duration read,
            @Value("${lectern.server.request-timeout:PT120S}") Duration request) {
        return server -> server.readTimeout(read)
                .requestTimeout(request)
                .doOnChannelInit((observer, channel, remote) -> {
                    if (channel.pipeline().get(NettyPipeline.HttpCodec) == null) {
                        return;
                    }
                    RequestHead deadline = new RequestHead(head.toMillis());
                    channel.pipeline().addBefore(NettyPipeline.HttpCodec, "lecternRequestHeadBytes", deadline.bytes());
                    channel.pipeline().addAfter(NettyPipeline.HttpCodec, "lecternRequestHead", deadline);
                });
    }

    /**
     * Armed when a connection opens and when the first byte of a next request arrives; disarmed when the
     * codec has decoded a request head; closes the connection when it fires.
     */
    static final class RequestHead extends ChannelDuplexHandler {

        private final long millis;
        private ScheduledFuture<?> timer;
        private boolean inRequest;

        RequestHead(long millis) {
            this.millis = millis;
        }

        ChannelInboundHandlerAdapter bytes() {
            return new ChannelInboundHandlerAdapter() {
                @Override
                public void channelActive(ChannelHandlerContext ctx) {
                    arm(ctx);
                    ctx.fireChannelActive();
                }

                @Override
                public void channelRead(ChannelHandlerContext ctx, Object msg) {
                    if (!inRequest && timer == null && msg instanceof ByteBuf) {
                        arm(ctx);
                    }
                    ctx.fireChannelRead(msg);
                }

                @Override
                public void channelInactive(ChannelHandlerContext ctx) {
                    disarm();
                    ctx.fireChannelInactive();
                }
            };
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof HttpRequest) {
                inRequest = true;
                disarm();
            }
            ctx.fireChannelRead(msg);
        }

        @Override
        public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
            if (msg instanceof LastHttpContent) {
                // The response is complete: the next bytes on this connection start a new request head.
                inRequest = false;
            }
            ctx.write(msg, promise);
        }

        private void arm(ChannelHandlerContext ctx) {
            disarm();
            timer = ctx.executor()
                    .schedule(
                            () -> {
                                timer = null;
                                if (!inRequest) {
                                    log.debug(
                                            "closing {}: no complete request head within {} ms",
                                            ctx.channel().remoteAddress(),
                                            millis);
                                    ctx.close();
                                }
                            },
                            millis,
                            TimeUnit.MILLISECONDS);
        }

        private void disarm() {
            if (timer != null) {
                timer.cancel(false);
                timer = null;
            }
        }
    }
}
