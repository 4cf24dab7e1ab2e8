package io.connectusm.certs;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;

/**
 * Runs one real TLS 1.3 handshake with client authentication required, between an {@link SSLServerSocket} and an
 * {@link SSLSocket} on 127.0.0.1, and reports what each side saw. Shared (through the test jar) by every module
 * whose tests need to prove that certificate files actually work.
 *
 * <p>The client checks the server's name as HTTPS clients (and Kafka's {@code ssl.endpoint.identification.algorithm})
 * do, against {@code 127.0.0.1} unless told otherwise. Every blocking step has a deadline, so a stuck handshake fails
 * the test instead of hanging it. Stateless; each {@link #handshake} uses its own sockets and threads.
 */
public final class MutualTlsProbe {
    /** Long enough for a loaded 2-core CI machine, short enough that a hang is reported promptly. */
    public static final Duration DEADLINE = Duration.ofSeconds(20);
    private static final String GREETING = "hello ";

    private MutualTlsProbe() {
    }

    /**
     * What happened on both sides of one handshake.
     *
     * @param serverSawClient  the client certificate the server accepted, if the server's handshake succeeded
     * @param clientSawServer  the server certificate the client accepted, if the client's handshake succeeded
     * @param protocol         the negotiated protocol (server side), if the server's handshake succeeded
     * @param clientReceived   the line the server sent after the handshake, if the client read it
     * @param serverFailure    why the server side failed, if it did
     * @param clientFailure    why the client side failed, if it did
     */
    public record Outcome(Optional<X509Certificate> serverSawClient, Optional<X509Certificate> clientSawServer,
                          Optional<String> protocol, Optional<String> clientReceived,
                          Optional<Throwable> serverFailure, Optional<Throwable> clientFailure) {

        /** True when both sides completed the handshake and exchanged data. */
        public boolean succeeded() {
            return serverFailure.isEmpty() && clientFailure.isEmpty() && clientReceived.isPresent();
        }

        /** The server's failure and its causes as one text, for asserting on the reason. */
        public String serverFailureText() {
            return serverFailure.map(MutualTlsProbe::describeChain).orElse("");
        }
    }

    /** A handshake where the client expects the server's certificate to name 127.0.0.1. */
    public static Outcome handshake(SSLContext server, SSLContext client) throws Exception {
        return handshake(server, client, "127.0.0.1");
    }

    /** A handshake where the client expects the server's certificate to name {@code expectedServerName}. */
    public static Outcome handshake(SSLContext server, SSLContext client, String expectedServerName)
            throws Exception {
        Objects.requireNonNull(expectedServerName, "expectedServerName");
        ExecutorService executor = Executors.newFixedThreadPool(2);
        InetAddress loopback = InetAddress.getLoopbackAddress();
        try (SSLServerSocket listener = (SSLServerSocket) server.getServerSocketFactory()
                .createServerSocket(0, 1, loopback)) {
            listener.setNeedClientAuth(true);
            listener.setEnabledProtocols(new String[] {"TLSv1.3"});
            listener.setSoTimeout((int) DEADLINE.toMillis());
            Future<ServerSide> serverSide = executor.submit(() -> serve(listener));
            Future<ClientSide> clientSide = executor.submit(() -> connect(client, loopback, listener.getLocalPort(),
                    expectedServerName));
            ServerSide s = await(serverSide);
            ClientSide c = await(clientSide);
            return new Outcome(s.peer, c.peer, s.protocol, c.received, s.failure, c.failure);
        } finally {
            executor.shutdownNow();
            if (!executor.awaitTermination(DEADLINE.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("handshake threads did not stop within " + DEADLINE);
            }
        }
    }

    private record ServerSide(Optional<X509Certificate> peer, Optional<String> protocol,
                              Optional<Throwable> failure) {
    }

    private record ClientSide(Optional<X509Certificate> peer, Optional<String> received,
                              Optional<Throwable> failure) {
    }

    private static ServerSide serve(SSLServerSocket listener) throws IOException {
        try (SSLSocket socket = (SSLSocket) listener.accept()) {
            socket.setSoTimeout((int) DEADLINE.toMillis());
            try {
                socket.startHandshake();
                X509Certificate peer = (X509Certificate) socket.getSession().getPeerCertificates()[0];
                PrintWriter out = new PrintWriter(new OutputStreamWriter(socket.getOutputStream(),
                        StandardCharsets.UTF_8), true);
                out.println(GREETING + peer.getSubjectX500Principal().getName());
                return new ServerSide(Optional.of(peer), Optional.of(socket.getSession().getProtocol()),
                        Optional.empty());
            } catch (IOException e) {
                return new ServerSide(Optional.empty(), Optional.empty(), Optional.of(e));
            }
        }
    }

    private static ClientSide connect(SSLContext client, InetAddress address, int port, String expectedServerName)
            throws IOException {
        try (Socket plain = new Socket()) {
            plain.connect(new InetSocketAddress(address, port), (int) DEADLINE.toMillis());
            plain.setSoTimeout((int) DEADLINE.toMillis());
            Optional<X509Certificate> peer = Optional.empty();
            // Layered over a connected socket so the name checked against the server certificate can differ from
            // the address connected to (a DNS name while the connection still goes to loopback).
            try (SSLSocket socket = (SSLSocket) client.getSocketFactory().createSocket(plain, expectedServerName,
                    port, true)) {
                SSLParameters parameters = socket.getSSLParameters();
                parameters.setProtocols(new String[] {"TLSv1.3"});
                parameters.setEndpointIdentificationAlgorithm("HTTPS");
                socket.setSSLParameters(parameters);
                socket.startHandshake();
                peer = Optional.of((X509Certificate) socket.getSession().getPeerCertificates()[0]);
                BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                        StandardCharsets.UTF_8));
                String line = in.readLine();
                if (line == null) {
                    return new ClientSide(peer, Optional.empty(),
                            Optional.of(new IOException("server closed the connection without a greeting")));
                }
                return new ClientSide(peer, Optional.of(line), Optional.empty());
            } catch (IOException e) {
                return new ClientSide(peer, Optional.empty(), Optional.of(e));
            }
        }
    }

    private static <T> T await(Future<T> future) throws Exception {
        try {
            return future.get(DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw new AssertionError("TLS handshake did not finish within " + DEADLINE, e);
        } catch (ExecutionException e) {
            throw (Exception) e.getCause();
        }
    }

    static String describeChain(Throwable failure) {
        StringBuilder text = new StringBuilder();
        for (Throwable t = failure; t != null; t = t.getCause()) {
            text.append(t.getClass().getName()).append(": ").append(t.getMessage()).append('\n');
        }
        return text.toString();
    }
}
