package io.connectusm.extension;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.URI;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The worker ID must equal what Connect reports as {@code worker_id} in connector and task states, so a
 * receiver can tell which worker sent what and which runs what. {@code ConnectDistributedKillIT} checks the
 * same against real workers listening on {@code http://:port}.
 */
class WorkerIdentityTest {

    @Test
    void listenerWithoutHostUsesTheLocalHostAddressLikeConnect() throws Exception {
        WorkerIdentity identity = WorkerIdentity.fromWorkerProps(Map.of("listeners", "http://:8090"));

        // Jetty's Server.getURI(), which RestServer.advertisedUrl() starts from, puts the address there.
        assertThat(identity.workerId()).isEqualTo(InetAddress.getLocalHost().getHostAddress() + ":8090");
        assertThat(identity.restBase()).isEqualTo(URI.create("http://localhost:8090/"));
    }

    @Test
    void absentListenersMeanConnectsDefaultPortOnTheLocalHostAddress() {
        WorkerIdentity identity = WorkerIdentity.fromWorkerProps(Map.of(), () -> "10.1.2.3");

        assertThat(identity.workerId()).isEqualTo("10.1.2.3:8083");
        assertThat(identity.restBase()).isEqualTo(URI.create("http://localhost:8083/"));
    }

    @Test
    void advertisedHostAndPortWinOverTheListener() {
        WorkerIdentity identity = WorkerIdentity.fromWorkerProps(Map.of("listeners", "https://0.0.0.0:8443",
                "rest.advertised.host.name", "connect-1.example.com", "rest.advertised.port", "443"),
                () -> "10.1.2.3");

        assertThat(identity.workerId()).isEqualTo("connect-1.example.com:443");
        assertThat(identity.restBase()).isEqualTo(URI.create("https://localhost:8443/"));
    }

    @Test
    void listenerHostIsKeptAsConnectKeepsIt() {
        assertThat(WorkerIdentity.fromWorkerProps(Map.of("listeners", "http://connect-2:8083,https://connect-2:8443"),
                () -> "10.1.2.3").workerId()).isEqualTo("connect-2:8083");
        assertThat(WorkerIdentity.fromWorkerProps(Map.of("listeners", "HTTP://0.0.0.0:8083"), () -> "10.1.2.3")
                .workerId()).isEqualTo("0.0.0.0:8083");
    }

    @Test
    void portZeroIsLearnedFromTheFirstRequestServed() {
        WorkerIdentity identity = WorkerIdentity.fromWorkerProps(Map.of("listeners", "http://:0"), () -> "10.1.2.3");

        identity.learnFrom(URI.create("http://127.0.0.1:41234/"));

        assertThat(identity.workerId()).isEqualTo("10.1.2.3:41234");
        assertThat(identity.restBase()).isEqualTo(URI.create("http://127.0.0.1:41234/"));
    }
}
