package dev.lectern.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The request-head deadline: slowloris connections are closed, streams and complete requests are not. */
class ServerTimeoutsTest {

    private static EmbeddedChannel connection() {
        ServerTimeouts.RequestHead deadline = new ServerTimeouts.RequestHead(10_000);
        return new EmbeddedChannel(deadline.bytes(), new HttpServerCodec(), deadline);
    }

    private static void send(EmbeddedChannel channel, String text) {
        channel.writeInbound(Unpooled.copiedBuffer(text, StandardCharsets.US_ASCII));
    }

    private static void wait(EmbeddedChannel channel, long seconds) {
        channel.advanceTimeBy(seconds, TimeUnit.SECONDS);
        channel.runScheduledPendingTasks();
    }

    @Test
    void aClientTricklingHeadersIsCutOffAtTheDeadline() {
        EmbeddedChannel channel = connection();
        send(channel, "GET /sessions HTTP/1.1\r\nHost: lectern\r\n");
        wait(channel, 6);
        send(channel, "X-Slow: 1\r\n");
        assertThat(channel.isOpen()).isTrue();

        wait(channel, 5);

        assertThat(channel.isOpen()).isFalse();
    }

    @Test
    void aConnectionThatNeverSpeaksIsClosed() {
        EmbeddedChannel channel = connection();

        wait(channel, 11);

        assertThat(channel.isOpen()).isFalse();
    }

    @Test
    void aStreamingResponseIsNotCut() {
        EmbeddedChannel channel = connection();
        send(channel, "GET /sessions/x/stream HTTP/1.1\r\nHost: lectern\r\nAccept: text/event-stream\r\n\r\n");
        channel.writeOutbound(new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK));

        wait(channel, 120);

        assertThat(channel.isOpen()).isTrue();
    }

    @Test
    void aKeptAliveConnectionGetsANewDeadlineWithItsNextRequest() {
        EmbeddedChannel channel = connection();
        send(channel, "GET /a HTTP/1.1\r\nHost: lectern\r\n\r\n");
        channel.writeOutbound(
                new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK),
                LastHttpContent.EMPTY_LAST_CONTENT);
        wait(channel, 30);
        assertThat(channel.isOpen())
                .as("idle between requests is the idle timeout's business")
                .isTrue();

        send(channel, "GET /b HTTP/1.1\r\n");
        wait(channel, 11);

        assertThat(channel.isOpen()).isFalse();
    }
}
