package io.connectusm.netty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.ReferenceCountUtil;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The deadline handler on an {@link EmbeddedChannel} with frozen time: each test drives the clock the way an
 * attacker or a slow peer would, then checks whether the connection is still open and what the listener heard.
 */
class RequestDeadlineHandlerTest {

    private static final Duration DEADLINE = Duration.ofSeconds(1);
    private static final String REQUEST = "POST /v1/events HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\n[]";

    private final List<CloseReason> closes = new CopyOnWriteArrayList<>();

    private EmbeddedChannel channel() {
        EmbeddedChannel channel = new EmbeddedChannel();
        channel.freezeTime();
        channel.pipeline().addLast(new RequestDeadlineHandler(DEADLINE, closes::add), new ChannelInboundHandlerAdapter() {
            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                ReferenceCountUtil.release(msg); // what the HTTP codec after it would do: consume the bytes
            }
        });
        return channel;
    }

    private static ByteBuf bytes(String text) {
        return Unpooled.copiedBuffer(text, StandardCharsets.US_ASCII);
    }

    private static void advance(EmbeddedChannel channel, long millis) {
        channel.advanceTimeBy(millis, TimeUnit.MILLISECONDS);
        channel.runScheduledPendingTasks();
    }

    /** Writes a response and takes it off the channel, as the socket would. */
    private static void respond(EmbeddedChannel channel) {
        channel.writeOutbound(bytes("HTTP/1.1 204 No Content\r\n\r\n"));
        ((ByteBuf) channel.readOutbound()).release();
    }

    /**
     * Sends {@code text} one byte per {@code stepMillis} until the channel closes.
     *
     * @return how long the trickle lasted
     */
    private static long trickle(EmbeddedChannel channel, String text, long stepMillis) {
        long elapsed = 0;
        for (int i = 0; i < text.length() && channel.isActive(); i++) {
            channel.writeInbound(bytes(text.substring(i, i + 1)));
            advance(channel, stepMillis);
            elapsed += stepMillis;
        }
        return elapsed;
    }

    @Test
    void closesAClientThatTricklesItsRequestFasterThanAnyIdleTimeout() {
        EmbeddedChannel channel = channel();
        long elapsed = trickle(channel, REQUEST, 50);
        assertThat(channel.isActive()).isFalse();
        assertThat(elapsed).isEqualTo(DEADLINE.toMillis());
        assertThat(closes).containsExactly(CloseReason.REQUEST_TIMEOUT);
        assertFalse(channel.finishAndReleaseAll());
    }

    @Test
    void eachKeepAliveRequestGetsItsOwnDeadlineFromItsFirstByte() {
        EmbeddedChannel channel = channel();
        for (int request = 0; request < 5; request++) {
            channel.writeInbound(bytes(REQUEST));
            advance(channel, DEADLINE.toMillis() - 1);
            respond(channel);
            advance(channel, DEADLINE.toMillis() * 3); // a quiet keep-alive pause: the idle timeout's business
            assertThat(channel.isActive()).as("request %d", request).isTrue();
        }
        channel.writeInbound(bytes("POST /v1/ev"));
        advance(channel, DEADLINE.toMillis() - 1);
        assertThat(channel.isActive()).isTrue();
        advance(channel, 1);
        assertThat(channel.isActive()).isFalse();
        assertThat(closes).containsExactly(CloseReason.REQUEST_TIMEOUT);
        assertFalse(channel.finishAndReleaseAll());
    }

    @Test
    void aPipelinedRequestThatTricklesAfterTheFirstResponseIsCutAtItsOwnDeadline() {
        EmbeddedChannel channel = channel();
        channel.writeInbound(bytes(REQUEST + "POST /v1/events HTTP/1.1\r\nHo"));
        advance(channel, 200);
        respond(channel);
        long elapsed = trickle(channel, "st: x\r\nContent-Length: 2\r\n\r\n[]", 100);
        assertThat(channel.isActive()).isFalse();
        assertThat(elapsed).isEqualTo(DEADLINE.toMillis());
        assertThat(closes).containsExactly(CloseReason.REQUEST_TIMEOUT);
        assertFalse(channel.finishAndReleaseAll());
    }

    @Test
    void aResponseStillBeingWrittenWhenTheDeadlineWouldFireIsNotCut() {
        EmbeddedChannel channel = channel();
        channel.writeInbound(bytes(REQUEST));
        advance(channel, DEADLINE.toMillis() - 10);
        channel.write(bytes("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"));
        for (int chunk = 0; chunk < 10; chunk++) {
            advance(channel, DEADLINE.toMillis() / 2); // a slow reader: writes drain slowly
            channel.write(bytes("1\r\nx\r\n"));
        }
        channel.writeAndFlush(bytes("0\r\n\r\n"));
        assertThat(channel.isActive()).isTrue();
        assertThat(closes).isEmpty();
        int outbound = 0;
        for (Object message; (message = channel.readOutbound()) != null; outbound++) {
            ((ByteBuf) message).release();
        }
        assertThat(outbound).isEqualTo(12);
        assertFalse(channel.finishAndReleaseAll());
    }

    @Test
    void aRequestWhoseHandlingOutlastsTheDeadlineIsClosedOnce() {
        EmbeddedChannel channel = channel();
        channel.writeInbound(bytes(REQUEST));
        advance(channel, DEADLINE.toMillis());
        assertThat(channel.isActive()).isFalse();
        assertThat(channel.writeAndFlush(bytes("HTTP/1.1 204 No Content\r\n\r\n")).isSuccess())
                .as("the late answer goes nowhere").isFalse();
        advance(channel, DEADLINE.toMillis() * 2);
        assertThat(closes).containsExactly(CloseReason.REQUEST_TIMEOUT);
        assertFalse(channel.finishAndReleaseAll());
    }

    @Test
    void closesOnAnIdleEventAndReportsIdle() {
        EmbeddedChannel channel = channel();
        channel.writeInbound(bytes("GET"));
        channel.pipeline().fireUserEventTriggered(IdleStateEvent.ALL_IDLE_STATE_EVENT);
        assertThat(channel.isActive()).isFalse();
        advance(channel, DEADLINE.toMillis() * 2);
        assertThat(closes).containsExactly(CloseReason.IDLE);
        assertFalse(channel.finishAndReleaseAll());
    }

    @Test
    void aQuietConnectionIsNotTheDeadlinesBusiness() {
        EmbeddedChannel channel = channel();
        advance(channel, DEADLINE.toMillis() * 10);
        assertThat(channel.isActive()).isTrue();
        assertThat(closes).isEmpty();
        assertFalse(channel.finishAndReleaseAll());
    }

    @Test
    void refusesANonPositiveDeadline() {
        assertThatThrownBy(() -> new RequestDeadlineHandler(Duration.ZERO, CloseListener.NONE))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
