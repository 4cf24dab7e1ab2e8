package io.connectusm.cli.agent;

import static io.connectusm.cli.UsmRun.usm;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.connectusm.cli.UsmRun;

class AgentStartCommandTest {

    @TempDir
    Path dir;

    @Test
    void missingConfigFileIsNamed() {
        UsmRun run = usm("agent", "start", "--config", dir.resolve("nope.properties").toString());

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
        assertThat(run.err()).startsWith("Error: --config " + dir.resolve("nope.properties") + ": no such readable file");
        assertThat(run.err()).doesNotContain("--verbose");
    }

    @Test
    void badValueNamesTheKey() throws Exception {
        Path config = Files.writeString(dir.resolve("agent.properties"), "data.listener.port=not-a-port\n");

        UsmRun run = usm("agent", "start", "--config", config.toString());

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
        assertThat(run.err()).startsWith("Error: bad agent configuration:").contains("data.listener.port");
    }

    @Test
    void theHelpsExampleNamesASampleThatExists() {
        UsmRun run = usm("agent", "start", "--help");

        String example = run.out().lines().filter(l -> l.contains("usm agent start --config")).findFirst()
                .orElseThrow();
        Path sample = Path.of(System.getProperty("basedir", ".")).toAbsolutePath().getParent()
                .resolve(example.substring(example.indexOf("--config ") + "--config ".length()).strip());
        assertThat(sample).isRegularFile().hasFileName("usm-agent.properties");
        assertThat(run.out().lines()).allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(80));
    }

    @Test
    void helpListsTheStartVerb() {
        UsmRun run = usm("agent", "--help");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("start").contains("Run the usm-agent sidecar");
    }
}
