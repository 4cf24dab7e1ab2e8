package io.connectusm.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real child JVMs of {@link Child}: the started line comes back, the output lands in its file, SIGTERM runs the
 * child's shutdown hook and gives its exit code, SIGKILL does not; a child that dies or stays silent before its
 * started line fails with its last lines, and is gone afterwards.
 */
class ChildJvmTest {

    static final Duration START = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    /** The child: prints lines, then its started line, then waits; {@code fail} dies first, {@code mute} never starts. */
    public static final class Child {
        public static void main(String[] args) throws Exception {
            Runtime.getRuntime().addShutdownHook(new Thread(() -> System.out.println("shutdown hook ran")));
            for (int i = 0; i < 100; i++) {
                System.out.println("line " + i);
            }
            if (args.length > 0 && args[0].equals("fail")) {
                System.err.println("boom: the config file is missing");
                System.exit(3);
            }
            if (args.length == 0 || !args[0].equals("mute")) {
                System.out.println("child started: port=4711");
            }
            Thread.sleep(Long.MAX_VALUE);
        }
    }

    @Test
    void startsStopsWithSigtermAndKeepsTheOutputInAFile() throws Exception {
        try (ChildJvm child = ChildJvm.start(dir, "64m", "child started:", START, Child.class.getName())) {
            assertThat(child.startedLine()).isEqualTo("port=4711");
            assertThat(child.outputFile().getParent()).isEqualTo(dir);
            assertThat(child.outputFile().getFileName().toString()).startsWith("ChildJvmTest$Child-").endsWith(".log");
            assertThat(child.stop(Duration.ofSeconds(30))).as("the JVM's exit code on SIGTERM").isEqualTo(143);
            assertThat(child.isAlive()).isFalse();
            assertThat(Files.readString(child.outputFile())).startsWith("line 0\n").contains("child started: port=4711")
                    .endsWith("shutdown hook ran\n");
            assertThat(child.lastLines(2)).containsExactly("child started: port=4711", "shutdown hook ran");
        }
    }

    @Test
    void killIsSigkillNoShutdownHook() throws Exception {
        ChildJvm child = ChildJvm.start(dir, "64m", "child started:", START, Child.class.getName());
        child.kill();
        assertThat(child.handle().isAlive()).isFalse();
        assertThat(child.output()).doesNotContain("shutdown hook ran");
        child.close(); // nothing left to do
    }

    @Test
    void aChildThatDiesBeforeItStartedFailsWithItsLastLines() {
        assertThatThrownBy(() -> ChildJvm.start(dir, "64m", "child started:", START, Child.class.getName(), "fail"))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("ChildJvmTest$Child ended (exit code 3) before it printed \"child started:\"")
                .hasMessageContaining("boom: the config file is missing")
                .hasMessageContaining("line 99").hasMessageNotContaining("line 59\n");
    }

    @Test
    void aChildThatNeverStartsFailsAfterTheTimeoutAndIsGone() throws Exception {
        assertThatThrownBy(() -> ChildJvm.start(dir, "64m", "child started:", Duration.ofSeconds(10),
                Child.class.getName(), "mute"))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("printed no \"child started:\" line within 10 s").hasMessageContaining("line 99");
        assertThat(ProcessHandle.current().children()).noneMatch(p -> p.info().arguments().map(a ->
                String.join(" ", a).contains("mute")).orElse(false));
    }
}
