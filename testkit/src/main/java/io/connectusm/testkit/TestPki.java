package io.connectusm.testkit;

import io.connectusm.certs.CaSpec;
import io.connectusm.certs.CertificateAuthority;
import io.connectusm.certs.LeafFiles;
import io.connectusm.certs.LeafSpec;
import io.connectusm.certs.TlsContexts;
import io.connectusm.certs.WriteMode;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.SSLContext;

/**
 * Real certificates for tests, made by certs-tooling as {@code usm certs} makes them for a deployment: one CA, a
 * server certificate for {@code localhost}/{@code 127.0.0.1} (an agent, an endpoint, a receiver), and client
 * certificates named as workers' are (CN = the Connect cluster ID). Each leaf is written to its own directory
 * under {@link #root()} ({@code keystore.p12}, {@code truststore.p12}, {@code jksPassword.txt}, PEM files).
 *
 * <p>Thread-safe: {@link #client} issues each common name once. Lifecycle: {@link #create}, then use; the files
 * live as long as the test's temporary directory.
 */
public final class TestPki {

    private final Path root;
    private final CertificateAuthority ca;
    private final LeafFiles server;
    private final Map<String, LeafFiles> clients = new ConcurrentHashMap<>();

    private TestPki(Path root, CertificateAuthority ca, LeafFiles server) {
        this.root = root;
        this.ca = ca;
        this.server = server;
    }

    /** A new CA ({@code test CA}) and its server certificate for {@code localhost}, under {@code root}. */
    public static TestPki create(Path root) {
        CertificateAuthority ca = CertificateAuthority.create(CaSpec.named("test CA"));
        LeafFiles server = LeafFiles.write(root.resolve("server"),
                ca.issue(LeafSpec.server("localhost").dns("localhost").ip("127.0.0.1").build()), ca,
                WriteMode.FAIL_IF_EXISTS);
        return new TestPki(root, ca, server);
    }

    /** The directory every leaf is written under. */
    public Path root() {
        return root;
    }

    /** The CA that issued every certificate here. */
    public CertificateAuthority ca() {
        return ca;
    }

    /** The server certificate for {@code localhost} and {@code 127.0.0.1}. */
    public LeafFiles server() {
        return server;
    }

    /** A client certificate whose CN is {@code commonName} (e.g. a Connect cluster ID), issued once, then reused. */
    public LeafFiles client(String commonName) {
        return clients.computeIfAbsent(commonName, cn -> issue("client-" + cn, LeafSpec.client(cn).build()));
    }

    /** Issues {@code spec} with this CA into the directory {@code name}. */
    public LeafFiles issue(String name, LeafSpec spec) {
        return LeafFiles.write(root.resolve(name), ca.issue(spec), ca, WriteMode.FAIL_IF_EXISTS);
    }

    /** A client certificate for {@code commonName} that expired yesterday. */
    public LeafFiles expiredClient(String commonName) {
        Instant now = Instant.now();
        return issue("expired-" + commonName, LeafSpec.client(commonName)
                .validity(now.minus(10, ChronoUnit.DAYS), now.minus(1, ChronoUnit.DAYS)).build());
    }

    /** A TLS context presenting {@code files}' certificate and trusting the CA that issued it. */
    public static SSLContext sslContext(LeafFiles files) {
        return TlsContexts.sslContext(files.directory());
    }

    /** {@link #sslContext(LeafFiles)} of the server certificate, for a test server (JSSE) speaking TLS. */
    public SSLContext serverSslContext() {
        return sslContext(server);
    }
}
