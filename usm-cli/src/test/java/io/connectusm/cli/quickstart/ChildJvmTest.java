package io.connectusm.cli.quickstart;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real child JVM: its output lands in its log, close() stops it, and leftovers of a killed run are found. */
class ChildJvmTest {

    @TempDir
    Path dir;

    /** Runs in the child: prints, then waits to be stopped. */
    public static final class Sleeper {
        public static void main(String[] args) throws InterruptedException {
            System.out.println("sleeper up " + args[0]);
            System.out.flush();
            Thread.sleep(120_000);
        }
    }

    @Test
    void childLogsToItsFileAndCloseStopsIt() throws Exception {
        QuickstartLayout layout = new QuickstartLayout(dir);
        layout.claim();
        layout.prepare(false);
        ChildJvm child = start(layout, "sleeper");

        Await.until("the sleeper's line", Duration.ofSeconds(30), child, () -> Files.exists(child.logFile())
                && Files.readString(child.logFile()).contains("sleeper up hello") ? java.util.Optional.of(true)
                : java.util.Optional.empty());
        child.close();

        assertThat(child.isAlive()).isFalse();
        assertThat(layout.logs().resolve("sleeper.pid")).doesNotExist();
    }

    @Test
    void leftoversOfAKilledRunAreStoppedByTheNextOne() throws Exception {
        QuickstartLayout layout = new QuickstartLayout(dir);
        layout.claim();
        layout.prepare(false);
        ChildJvm orphan = start(layout, "orphan");
        // The run that started it was killed: nobody closes it, only its PID file is left.

        int stopped = ChildJvm.stopLeftovers(layout);

        assertThat(stopped).isEqualTo(1);
        assertThat(orphan.isAlive()).isFalse();
        assertThat(layout.logs().resolve("orphan.pid")).doesNotExist();
    }

    private static ChildJvm start(QuickstartLayout layout, String name) {
        // This test's own classpath stands in for the Kafka runtime.
        return ChildJvm.start(name, JavaCommand.current(), System.getProperty("java.class.path"), List.of("-Xmx64m"),
                Sleeper.class.getName(), List.of("hello"), layout);
    }
}
