package io.connectusm.cli.quickstart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.connectusm.cli.output.UsmCliException;

/** A failed port check leaves the data directory as it was: absent, empty, or an earlier run's. */
class DataDirClaimTest {

    @TempDir
    Path dir;

    private static QuickstartPorts portsWithKafkaOn(int kafka) throws Exception {
        int[] free = new int[5];
        for (int i = 0; i < free.length; i++) {
            try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                free[i] = s.getLocalPort();
            }
        }
        return new QuickstartPorts(kafka, free[0], free[1], free[2], free[3], free[4]);
    }

    @Test
    void aBusyPortLeavesNoNewDirectoryBehind() throws Exception {
        Path data = dir.resolve("new-data");
        try (ServerSocket busy = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            QuickstartPorts ports = portsWithKafkaOn(busy.getLocalPort());

            assertThatThrownBy(() -> DataDirClaim.claim(new QuickstartLayout(data), ports))
                    .isInstanceOf(UsmCliException.class)
                    .hasMessageStartingWith("port " + busy.getLocalPort() + " (Kafka broker) is in use");
        }
        assertThat(data).doesNotExist();
    }

    @Test
    void aBusyPortLeavesAnEmptyDirectoryOfTheUserEmpty() throws Exception {
        Path data = Files.createDirectories(dir.resolve("empty"));
        try (ServerSocket busy = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            QuickstartPorts ports = portsWithKafkaOn(busy.getLocalPort());

            assertThatThrownBy(() -> DataDirClaim.claim(new QuickstartLayout(data), ports))
                    .isInstanceOf(UsmCliException.class);
        }
        try (var entries = Files.list(data)) {
            assertThat(entries).isEmpty();
        }
    }

    @Test
    void aBusyPortKeepsAnEarlierRunsDirectoryAndItsLockFree() throws Exception {
        QuickstartLayout layout = new QuickstartLayout(dir.resolve("earlier"));
        layout.claim();
        layout.prepare(false);
        try (ServerSocket busy = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            QuickstartPorts ports = portsWithKafkaOn(busy.getLocalPort());

            assertThatThrownBy(() -> DataDirClaim.claim(layout, ports)).isInstanceOf(UsmCliException.class);
        }
        assertThat(layout.isMarked()).isTrue();
        assertThat(layout.certs()).isDirectory();
        DataDirClaim.claim(layout, portsWithKafkaOn(freePort())).lock().close();
    }

    @Test
    void freePortsClaimTheDirectoryUnderALock() throws Exception {
        QuickstartLayout layout = new QuickstartLayout(dir.resolve("fresh"));

        DataDirClaim.Claimed claimed = DataDirClaim.claim(layout, portsWithKafkaOn(freePort()));
        try {
            assertThat(layout.isMarked()).isTrue();
            assertThatThrownBy(() -> DataDirClaim.claim(layout, portsWithKafkaOn(freePort())))
                    .hasMessageContaining("another usm quickstart");
        } finally {
            claimed.lock().close();
        }
        assertThat(claimed.leftovers()).isZero();
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
