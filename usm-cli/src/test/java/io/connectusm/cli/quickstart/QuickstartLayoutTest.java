package io.connectusm.cli.quickstart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.connectusm.cli.output.UsmCliException;

class QuickstartLayoutTest {

    @TempDir
    Path dir;

    @Test
    void refusesADirectoryThatNoQuickstartMadeEvenWithFresh() throws Exception {
        Path precious = Files.writeString(dir.resolve("thesis.tex"), "years of work");
        QuickstartLayout layout = new QuickstartLayout(dir);

        assertThatThrownBy(layout::claim)
                .isInstanceOf(UsmCliException.class)
                .hasMessageContaining("was not made by usm quickstart");
        assertThat(precious).exists();
    }

    @Test
    void secondRunReusesTheDataAndFreshDeletesIt() throws Exception {
        QuickstartLayout layout = new QuickstartLayout(dir.resolve("qs"));
        layout.claim();
        assertThat(layout.prepare(false)).as("a new directory has nothing to reuse").isFalse();
        QuickstartState.load(layout.state()).put(QuickstartState.KAFKA_CLUSTER_ID, "abc");
        Path kafkaFile = Files.writeString(layout.kafkaData().resolve("meta.properties"), "x");

        assertThat(layout.prepare(false)).isTrue();
        assertThat(kafkaFile).exists();
        assertThat(QuickstartState.load(layout.state()).get(QuickstartState.KAFKA_CLUSTER_ID)).contains("abc");

        layout.claim();
        assertThat(layout.prepare(true)).isFalse();
        assertThat(kafkaFile).doesNotExist();
        assertThat(layout.root().resolve(QuickstartLayout.MARKER)).exists();
    }

    @Test
    void aSecondRunOnTheSameDirectoryIsToldThatTheFirstRuns() {
        QuickstartLayout layout = new QuickstartLayout(dir.resolve("qs"));
        layout.claim();

        try (DataDirLock first = DataDirLock.acquire(layout)) {
            assertThatThrownBy(() -> DataDirLock.acquire(layout))
                    .isInstanceOf(UsmCliException.class)
                    .hasMessage("another usm quickstart (pid " + ProcessHandle.current().pid() + ") is running on "
                            + "--data-dir " + layout.root() + ": stop it with Ctrl-C, or pass another --data-dir");
        }
        DataDirLock.acquire(layout).close();
    }

    @Test
    void stateFileIsOwnerOnly() throws Exception {
        QuickstartLayout layout = new QuickstartLayout(dir.resolve("qs"));
        layout.claim();
        layout.prepare(false);
        QuickstartState.load(layout.state()).put(QuickstartState.KAFKA_CLUSTER_ID, "abc");

        assertThat(Files.getPosixFilePermissions(layout.state()))
                .containsExactlyInAnyOrder(java.nio.file.attribute.PosixFilePermission.OWNER_READ,
                        java.nio.file.attribute.PosixFilePermission.OWNER_WRITE);
        assertThat(Files.getPosixFilePermissions(layout.root()))
                .containsExactlyInAnyOrder(java.nio.file.attribute.PosixFilePermission.OWNER_READ,
                        java.nio.file.attribute.PosixFilePermission.OWNER_WRITE,
                        java.nio.file.attribute.PosixFilePermission.OWNER_EXECUTE);
    }
}
