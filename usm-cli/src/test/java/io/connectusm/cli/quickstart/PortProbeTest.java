package io.connectusm.cli.quickstart;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.connectusm.cli.output.UsmCliException;

class PortProbeTest {

    @Test
    void busyPortIsReportedWithItsRoleAndTheOptionThatMovesIt() throws Exception {
        try (ServerSocket busy = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = busy.getLocalPort();

            assertThatThrownBy(() -> PortProbe.requireFree(
                    List.of(new QuickstartPorts.PortUse(port, "Kafka broker", "--kafka-port"))))
                    .isInstanceOf(UsmCliException.class)
                    .hasMessageStartingWith("port " + port + " (Kafka broker) is in use: stop what uses it")
                    .hasMessageEndingWith("or pass --kafka-port with a free port");
        }
    }

    @Test
    void samePortForTwoComponentsIsRefused() {
        assertThatThrownBy(() -> PortProbe.requireFree(new QuickstartPorts(9, 9, 1, 2, 3, 4).uses()))
                .isInstanceOf(UsmCliException.class)
                .hasMessage("port 9 is given to both the Kafka broker (--kafka-port) and the Kafka KRaft controller "
                        + "(--controller-port): pick distinct ports");
    }

    @Test
    void freePortPasses() throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        assertThatCode(() -> PortProbe.requireFree(List.of(new QuickstartPorts.PortUse(port, "x", "--x"))))
                .doesNotThrowAnyException();
    }
}
