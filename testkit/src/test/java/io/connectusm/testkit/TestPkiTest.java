package io.connectusm.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The certificates are real: a mutual TLS handshake succeeds with a client's, and fails with an expired one. */
class TestPkiTest {

    @TempDir
    Path dir;

    @Test
    void clientCertificatesNamedByCommonNamePassARealHandshake() throws Exception {
        TestPki pki = TestPki.create(dir);
        assertThat(pki.client("connect-1")).isSameAs(pki.client("connect-1"));
        assertThat(handshake(pki, pki.client("connect-1"))).contains("CN=connect-1");
        assertThatThrownBy(() -> handshake(pki, pki.expiredClient("connect-1"))).isInstanceOf(Exception.class);
        assertThat(pki.server().keystore()).startsWith(pki.root()).exists();
    }

    private static String handshake(TestPki pki, io.connectusm.certs.LeafFiles client) throws Exception {
        try (SSLServerSocket listener = (SSLServerSocket) pki.serverSslContext().getServerSocketFactory()
                .createServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            listener.setNeedClientAuth(true);
            CompletableFuture<String> peer = CompletableFuture.supplyAsync(() -> {
                try (SSLSocket socket = (SSLSocket) listener.accept()) {
                    socket.setSoTimeout(10_000);
                    socket.startHandshake();
                    return socket.getSession().getPeerPrincipal().getName();
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            });
            try (SSLSocket socket = (SSLSocket) TestPki.sslContext(client).getSocketFactory()
                    .createSocket("localhost", listener.getLocalPort())) {
                socket.setSoTimeout(10_000);
                socket.startHandshake();
                socket.getOutputStream().write(0);
                socket.getInputStream().read();
            } catch (IOException refused) {
                // the server's verdict is the one that counts
            }
            return peer.get(10, TimeUnit.SECONDS);
        }
    }
}
