package io.connectusm.netty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.connectusm.support.KeyStores;
import io.connectusm.testkit.TestPki;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslProvider;
import io.netty.handler.timeout.IdleStateHandler;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pieces of this module in a real Netty server on loopback, over real TLS with certs-tooling certificates, in
 * the order both servers use (per-peer cap → TLS → idle → request deadline → HTTP codec → aggregator), attacked
 * by clients on real sockets: a trickled request, keep-alive and pipelined requests, a slow reader, too many
 * connections, a client offering only what the TLS policy excludes.
 */
@Timeout(60)
class LoopbackTlsServerTest {

    private static final Duration DEADLINE = Duration.ofMillis(600);
    private static final int BIG_BYTES = 1 << 20;

    @TempDir
    Path dir;

    private TestPki pki;
    private SslContext serverTls;
    private final List<CloseReason> closes = new CopyOnWriteArrayList<>();
    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
    private final List<Socket> clients = new ArrayList<>();
    private PeerConnectionLimiter limiter;
    private Channel server;

    @BeforeEach
    void setUp() throws Exception {
        pki = TestPki.create(dir);
        char[] password = pki.server().password();
        serverTls = ServerTlsContexts.forServer(pki.server().keystore(),
                KeyStores.load(pki.server().keystore(), KeyStores.PKCS12, password), password)
                .sslProvider(SslProvider.JDK).build();
    }

    @AfterEach
    void tearDown() throws Exception {
        for (Socket client : clients) {
            client.close();
        }
        if (server != null) {
            server.close().sync();
        }
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
    }

    private int start(PeerConnectionLimiter peerLimiter) throws InterruptedException {
        this.limiter = peerLimiter;
        server = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .childOption(ChannelOption.SO_SNDBUF, 8 * 1024)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        channel.pipeline()
                                .addLast(peerLimiter)
                                .addLast(serverTls.newHandler(channel.alloc()))
                                .addLast(new IdleStateHandler(0, 0, 20, TimeUnit.SECONDS))
                                .addLast(new RequestDeadlineHandler(DEADLINE, closes::add))
                                .addLast(new HttpServerCodec())
                                .addLast(new HttpObjectAggregator(64 * 1024))
                                .addLast(new Responder());
                    }
                }).bind(InetAddress.getLoopbackAddress(), 0).sync().channel();
        return ((InetSocketAddress) server.localAddress()).getPort();
    }

    /** 200 with the path as the body; {@code /big} gets {@link #BIG_BYTES} bytes. Keep-alive. */
    private static final class Responder extends SimpleChannelInboundHandler<FullHttpRequest> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
            byte[] body = request.uri().equals("/big") ? new byte[BIG_BYTES]
                    : request.uri().getBytes(StandardCharsets.US_ASCII);
            FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK,
                    Unpooled.wrappedBuffer(body));
            response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
            ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE_ON_FAILURE);
        }
    }

    private SSLSocket tlsClient(int port) throws IOException {
        SSLContext context = TestPki.sslContext(pki.client("client"));
        Socket plain = plainClient(port, 0);
        SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket(plain, "localhost", port, true);
        socket.setSoTimeout(10_000);
        return socket;
    }

    private Socket plainClient(int port, int receiveBuffer) throws IOException {
        Socket socket = new Socket();
        if (receiveBuffer > 0) {
            socket.setReceiveBufferSize(receiveBuffer);
        }
        socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 5_000);
        socket.setSoTimeout(10_000);
        clients.add(socket);
        return socket;
    }

    private static String request(String path) {
        return "GET " + path + " HTTP/1.1\r\nHost: localhost\r\n\r\n";
    }

    /** Reads one response with a Content-Length body; returns the body. */
    private static byte[] readResponse(InputStream in, long pauseMillisPer64k) throws Exception {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
            int b = in.read();
            assertThat(b).as("the server closed before its response ended: %s", head).isNotNegative();
            head.write(b);
        }
        String headers = head.toString(StandardCharsets.US_ASCII);
        assertThat(headers).startsWith("HTTP/1.1 200 OK");
        int length = Integer.parseInt(headers.replaceAll("(?s).*content-length: (\\d+).*", "$1"));
        byte[] body = new byte[length];
        int read = 0;
        int sincePause = 0;
        while (read < length) {
            int n = in.read(body, read, Math.min(length - read, 8 * 1024));
            assertThat(n).as("the server closed after %d of %d body bytes", read, length).isPositive();
            read += n;
            sincePause += n;
            if (pauseMillisPer64k > 0 && sincePause >= 64 * 1024) {
                Thread.sleep(pauseMillisPer64k); // the slow reader this test plays
                sincePause = 0;
            }
        }
        return body;
    }

    /** True once the server closed the connection: a read ends the stream or fails. */
    /**
     * Whether the server closes {@code socket} once its handshake is done: the close may reach the client while it
     * still completes the handshake (TLS 1.3: the server's Finished came, the close follows its check of the count),
     * or on its first read; the reason is the test's to check.
     */
    private static boolean closedOnceHandshaken(SSLSocket socket) {
        try {
            socket.startHandshake();
            socket.getOutputStream().write(request("/w3").getBytes(StandardCharsets.US_ASCII));
            return closedByServer(socket.getInputStream());
        } catch (IOException e) {
            return true;
        }
    }

    private static boolean closedByServer(InputStream in) {
        try {
            return in.read() < 0;
        } catch (IOException e) {
            return true;
        }
    }

    @Test
    void closesAClientThatTricklesItsHeadersOverTls() throws Exception {
        SSLSocket socket = tlsClient(start(PeerConnectionLimiter.openConnections(8, CloseListener.NONE)));
        socket.startHandshake();
        byte[] request = request("/events").getBytes(StandardCharsets.US_ASCII);
        Thread trickler = new Thread(() -> {
            try {
                OutputStream out = socket.getOutputStream();
                for (byte b : request) {
                    out.write(b);
                    out.flush();
                    Thread.sleep(50); // far under any idle timeout
                }
            } catch (IOException | InterruptedException e) {
                // the server closed the connection: what the test waits for
            }
        });
        long started = System.nanoTime();
        trickler.start();
        assertThat(closedByServer(socket.getInputStream())).isTrue();
        long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        trickler.join(5_000);
        assertThat(tookMillis).isBetween(DEADLINE.toMillis() - 100, request.length * 50L - 100);
        await().atMost(Duration.ofSeconds(5)).until(() -> closes.contains(CloseReason.REQUEST_TIMEOUT));
        assertThat(closes).containsExactly(CloseReason.REQUEST_TIMEOUT);
    }

    @Test
    void keepAliveRequestsEachGetTheirOwnDeadline() throws Exception {
        SSLSocket socket = tlsClient(start(PeerConnectionLimiter.openConnections(8, CloseListener.NONE)));
        for (int i = 0; i < 3; i++) {
            socket.getOutputStream().write(request("/r" + i).getBytes(StandardCharsets.US_ASCII));
            assertThat(readResponse(socket.getInputStream(), 0)).asString(StandardCharsets.US_ASCII)
                    .isEqualTo("/r" + i);
            Thread.sleep(DEADLINE.toMillis() + 200); // a keep-alive pause longer than the deadline
        }
        assertThat(closes).isEmpty();
    }

    @Test
    void answersPipelinedRequestsSentInOneWrite() throws Exception {
        SSLSocket socket = tlsClient(start(PeerConnectionLimiter.openConnections(8, CloseListener.NONE)));
        socket.getOutputStream().write((request("/first") + request("/second") + request("/third"))
                .getBytes(StandardCharsets.US_ASCII));
        for (String path : List.of("/first", "/second", "/third")) {
            assertThat(readResponse(socket.getInputStream(), 0)).asString(StandardCharsets.US_ASCII).isEqualTo(path);
        }
        assertThat(closes).isEmpty();
    }

    @Test
    void aSlowReaderGetsTheWholeResponseThoughItOutlastsTheDeadline() throws Exception {
        int port = start(PeerConnectionLimiter.openConnections(8, CloseListener.NONE));
        Socket plain = plainClient(port, 8 * 1024);
        SSLSocket socket = (SSLSocket) TestPki.sslContext(pki.client("client")).getSocketFactory()
                .createSocket(plain, "localhost", port, true);
        socket.getOutputStream().write(request("/big").getBytes(StandardCharsets.US_ASCII));
        long started = System.nanoTime();
        assertThat(readResponse(socket.getInputStream(), 100)).hasSize(BIG_BYTES);
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started))
                .as("the response took longer than the deadline").isGreaterThan(DEADLINE.toMillis() * 2);
        assertThat(closes).isEmpty();
    }

    @Test
    void countsHandshakesAndHandshakenConnectionsApart() throws Exception {
        int port = start(PeerConnectionLimiter.afterHandshake(2, 2, closes::add));
        InetAddress loopback = InetAddress.getLoopbackAddress();
        Socket stalled1 = plainClient(port, 0);
        Socket stalled2 = plainClient(port, 0);
        await().atMost(Duration.ofSeconds(5)).until(() -> limiter.counted(loopback) == 2);
        Socket third = plainClient(port, 0);
        assertThat(closedByServer(third.getInputStream())).as("a third socket that never handshakes").isTrue();
        await().atMost(Duration.ofSeconds(5)).until(() -> closes.contains(CloseReason.TOO_MANY_HANDSHAKES));

        // A stalled socket gives its slot back when it goes; it never takes one of the handshaken connections.
        stalled1.close();
        await().atMost(Duration.ofSeconds(5)).until(() -> limiter.counted(loopback) == 1);
        // Each answered before the next connects: a client's handshake ends (TLS 1.3) before the server has read its
        // Finished, so until its first answer a connection may still count as one in its handshake.
        SSLSocket worker1 = tlsClient(port);
        worker1.startHandshake();
        worker1.getOutputStream().write(request("/w1").getBytes(StandardCharsets.US_ASCII));
        assertThat(readResponse(worker1.getInputStream(), 0)).asString(StandardCharsets.US_ASCII).isEqualTo("/w1");
        SSLSocket worker2 = tlsClient(port);
        worker2.startHandshake();
        worker2.getOutputStream().write(request("/w2").getBytes(StandardCharsets.US_ASCII));
        assertThat(readResponse(worker2.getInputStream(), 0)).asString(StandardCharsets.US_ASCII).isEqualTo("/w2");
        assertThat(limiter.counted(loopback)).as("one stalled, two handshaken").isEqualTo(3);

        SSLSocket worker3 = tlsClient(port);
        assertThat(closedOnceHandshaken(worker3)).as("a third handshaken connection").isTrue();
        await().atMost(Duration.ofSeconds(5)).until(() -> closes.contains(CloseReason.TOO_MANY_CONNECTIONS));

        stalled2.close();
        await().atMost(Duration.ofSeconds(5)).until(() -> limiter.counted(loopback) == 2);
        worker2.getOutputStream().write(request("/w2-again").getBytes(StandardCharsets.US_ASCII));
        assertThat(readResponse(worker2.getInputStream(), 0)).asString(StandardCharsets.US_ASCII)
                .isEqualTo("/w2-again");
        assertThat(closes).containsExactly(CloseReason.TOO_MANY_HANDSHAKES, CloseReason.TOO_MANY_CONNECTIONS);
    }

    @Test
    void capsOpenConnectionsFromTheirAcceptAndFreesTheSlotOnClose() throws Exception {
        int port = start(PeerConnectionLimiter.openConnections(2, closes::add));
        InetAddress loopback = InetAddress.getLoopbackAddress();
        SSLSocket first = tlsClient(port);
        first.startHandshake();
        Socket second = plainClient(port, 0);
        await().atMost(Duration.ofSeconds(5)).until(() -> limiter.counted(loopback) == 2);
        Socket third = plainClient(port, 0);
        assertThat(closedByServer(third.getInputStream())).isTrue();
        second.close();
        await().atMost(Duration.ofSeconds(5)).until(() -> limiter.counted(loopback) == 1);
        SSLSocket fourth = tlsClient(port);
        fourth.getOutputStream().write(request("/4").getBytes(StandardCharsets.US_ASCII));
        assertThat(readResponse(fourth.getInputStream(), 0)).asString(StandardCharsets.US_ASCII).isEqualTo("/4");
        assertThat(closes).containsExactly(CloseReason.TOO_MANY_CONNECTIONS);
    }

    @Test
    void refusesAClientThatOffersOnlyCipherSuitesOutsideThePolicy() throws Exception {
        SSLSocket socket = tlsClient(start(PeerConnectionLimiter.openConnections(8, CloseListener.NONE)));
        socket.setEnabledProtocols(new String[] {"TLSv1.2"});
        socket.setEnabledCipherSuites(new String[] {"TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256",
            "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256", "TLS_RSA_WITH_AES_128_GCM_SHA256"});
        assertThatThrownBy(socket::startHandshake).isInstanceOf(IOException.class);

        SSLSocket allowed = tlsClient(server.localAddress() instanceof InetSocketAddress a ? a.getPort() : -1);
        allowed.setEnabledProtocols(new String[] {"TLSv1.2"});
        allowed.startHandshake();
        assertThat(allowed.getSession().getCipherSuite()).contains("_GCM_").startsWith("TLS_ECDHE_");
    }
}
