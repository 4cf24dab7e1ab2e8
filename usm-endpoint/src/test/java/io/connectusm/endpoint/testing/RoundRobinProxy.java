package io.connectusm.endpoint.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A small TCP load balancer for tests: each accepted connection goes to the next of its upstream ports in turn
 * (skipping one that refuses the connection, as a health-checking balancer would), bytes are passed through
 * untouched (TLS stays end to end), and every connection is cut after a random 200 to 800 ms, in the middle of
 * whatever was on it, so a client with keep-alive still lands on every upstream and sees requests fail at any
 * point. Thread-safe. Lifecycle: created listening, {@link #close()} stops it.
 */
public final class RoundRobinProxy implements AutoCloseable {

    private final ServerSocket listener;
    private final List<Integer> upstreams;
    private final AtomicInteger next = new AtomicInteger();
    private final ExecutorService pumps = Executors.newCachedThreadPool(r -> daemon(r, "proxy-pump"));
    private final ScheduledExecutorService cutter = Executors.newSingleThreadScheduledExecutor(
            r -> daemon(r, "proxy-cutter"));
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final Map<Integer, AtomicInteger> connections = new ConcurrentHashMap<>();
    private final Random random = new Random(7);
    private volatile boolean closed;

    public RoundRobinProxy(List<Integer> upstreamPorts) throws IOException {
        this.upstreams = List.copyOf(upstreamPorts);
        this.listener = new ServerSocket(0, 100, InetAddress.getLoopbackAddress());
        Thread acceptor = daemon(this::accept, "proxy-accept");
        acceptor.start();
    }

    public int port() {
        return listener.getLocalPort();
    }

    /** How many connections went to {@code upstreamPort} so far. */
    public int connectionsTo(int upstreamPort) {
        AtomicInteger n = connections.get(upstreamPort);
        return n == null ? 0 : n.get();
    }

    private void accept() {
        while (!closed) {
            try {
                Socket client = listener.accept();
                Socket upstream = connectToNext();
                if (upstream == null) {
                    client.close();
                    continue;
                }
                open.add(client);
                open.add(upstream);
                pumps.execute(() -> pump(client, upstream));
                pumps.execute(() -> pump(upstream, client));
                long lifetime;
                synchronized (random) {
                    lifetime = 200 + random.nextInt(600);
                }
                cutter.schedule(() -> {
                    closeQuietly(client);
                    closeQuietly(upstream);
                }, lifetime, TimeUnit.MILLISECONDS);
            } catch (IOException e) {
                if (!closed) {
                    continue;
                }
                return;
            }
        }
    }

    /** The next upstream that accepts a connection, or {@code null} when none does. */
    private Socket connectToNext() {
        for (int tried = 0; tried < upstreams.size(); tried++) {
            int port = upstreams.get(Math.floorMod(next.getAndIncrement(), upstreams.size()));
            Socket socket = new Socket();
            try {
                socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1_000);
                connections.computeIfAbsent(port, p -> new AtomicInteger()).incrementAndGet();
                return socket;
            } catch (IOException e) {
                closeQuietly(socket);
            }
        }
        return null;
    }

    private void pump(Socket from, Socket to) {
        byte[] buffer = new byte[16 * 1024];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                out.write(buffer, 0, n);
                out.flush();
            }
        } catch (IOException e) {
            // cut, or the other side went away
        } finally {
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    private void closeQuietly(Socket socket) {
        open.remove(socket);
        try {
            socket.close();
        } catch (IOException e) {
            // already closed
        }
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    @Override
    public void close() throws IOException {
        closed = true;
        listener.close();
        open.forEach(this::closeQuietly);
        cutter.shutdownNow();
        pumps.shutdownNow();
    }
}
