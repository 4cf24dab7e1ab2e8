package io.connectusm.it;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;

/**
 * A TLS relay on a loopback port that records, in clear, every byte that passes through it: put between two hops of
 * the pipeline (worker → agent, agent → endpoint), it shows exactly what one hop sent to the next, which no file or
 * API downstream can (a receiver may drop, coalesce or overwrite what it got). Each side is real TLS: the relay
 * presents {@code serverSide}'s certificate to the caller (requiring a client certificate when asked, as the agent
 * does) and connects onwards with {@code clientSide}'s, so the receiver sees the same identity the caller has.
 *
 * <p>Lifecycle: {@link #start} binds and accepts on a daemon thread; {@link #close} stops accepting, closes every
 * connection and waits for the pumps, after which {@link #requests()} and {@link #responses()} are complete.
 * Thread-safe: the pumps append under the relay's lock.
 */
final class RecordingTlsRelay implements AutoCloseable {

    private final SSLServerSocket server;
    private final SSLContext clientSide;
    private final InetSocketAddress target;
    private final List<Socket> sockets = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();
    private final List<ByteArrayOutputStream> requests = new ArrayList<>();
    private final List<ByteArrayOutputStream> responses = new ArrayList<>();
    private boolean closed;

    private RecordingTlsRelay(SSLServerSocket server, SSLContext clientSide, InetSocketAddress target) {
        this.server = server;
        this.clientSide = clientSide;
        this.target = target;
    }

    /** Listens on an ephemeral loopback port and relays each connection to {@code targetPort} on localhost. */
    static RecordingTlsRelay start(SSLContext serverSide, boolean needClientAuth, SSLContext clientSide,
            int targetPort) throws IOException {
        SSLServerSocket server = (SSLServerSocket) serverSide.getServerSocketFactory()
                .createServerSocket(0, 50, InetAddress.getLoopbackAddress());
        server.setNeedClientAuth(needClientAuth);
        RecordingTlsRelay relay = new RecordingTlsRelay(server, clientSide,
                new InetSocketAddress(InetAddress.getLoopbackAddress(), targetPort));
        relay.spawn("relay-accept-" + server.getLocalPort(), relay::acceptLoop);
        return relay;
    }

    int port() {
        return server.getLocalPort();
    }

    /** Every byte the callers sent, one connection after another (ISO-8859-1: one char per byte). */
    String requests() {
        return joined(requests);
    }

    /** Every byte the receiver answered, one connection after another. */
    String responses() {
        return joined(responses);
    }

    private void acceptLoop() {
        while (true) {
            Socket caller;
            try {
                caller = server.accept();
            } catch (IOException e) {
                return; // closed
            }
            try {
                SSLSocket onward = (SSLSocket) clientSide.getSocketFactory().createSocket(target.getAddress(),
                        target.getPort());
                SSLParameters parameters = onward.getSSLParameters();
                parameters.setEndpointIdentificationAlgorithm("HTTPS");
                onward.setSSLParameters(parameters);
                ByteArrayOutputStream sent = new ByteArrayOutputStream();
                ByteArrayOutputStream answered = new ByteArrayOutputStream();
                synchronized (this) {
                    if (closed) {
                        caller.close();
                        onward.close();
                        return;
                    }
                    sockets.add(caller);
                    sockets.add(onward);
                    requests.add(sent);
                    responses.add(answered);
                }
                spawn("relay-up-" + caller.getPort(), () -> pump(caller, onward, sent));
                spawn("relay-down-" + caller.getPort(), () -> pump(onward, caller, answered));
            } catch (IOException e) {
                closeQuietly(caller);
            }
        }
    }

    private void pump(Socket from, Socket to, ByteArrayOutputStream record) {
        byte[] buffer = new byte[16 * 1024];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                synchronized (this) {
                    record.write(buffer, 0, n);
                }
                out.write(buffer, 0, n);
                out.flush();
            }
        } catch (IOException e) {
            // the other side closed, or the relay did
        } finally {
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    private synchronized void spawn(String name, Runnable body) {
        Thread thread = new Thread(body, name);
        thread.setDaemon(true);
        threads.add(thread);
        thread.start();
    }

    private synchronized String joined(List<ByteArrayOutputStream> records) {
        StringBuilder out = new StringBuilder();
        for (ByteArrayOutputStream record : records) {
            out.append(new String(record.toByteArray(), StandardCharsets.ISO_8859_1)).append('\n');
        }
        return out.toString();
    }

    @Override
    public void close() throws InterruptedException {
        List<Thread> toJoin;
        synchronized (this) {
            closed = true;
            closeQuietly(server);
            sockets.forEach(RecordingTlsRelay::closeQuietly);
            toJoin = List.copyOf(threads);
        }
        for (Thread thread : toJoin) {
            thread.join(5_000);
        }
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            // closing anyway
        }
    }
}
