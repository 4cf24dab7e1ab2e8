package io.connectusm.agent;

import static io.connectusm.agent.TestEvents.CLUSTER;
import static org.assertj.core.api.Assertions.assertThat;

import io.connectusm.testkit.TestPki;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every metric a running agent exposes is in {@code docs/usm-agent.md}'s metrics table, and every metric the table
 * lists is exposed (the readers of {@code /metrics}, such as {@code usm quickstart}'s counters and the shipped
 * alerts, rely on the names); the JVM metrics are there too.
 */
class MetricsDocsTest {

    private static final Path DOC = Path.of("..", "docs", "usm-agent.md");
    private static final Pattern TYPE_LINE = Pattern.compile("^# TYPE (usm_agent_\\w+) ", Pattern.MULTILINE);
    private static final Pattern DOCUMENTED = Pattern.compile("`(usm_agent_\\w+)`");

    @TempDir
    Path dir;

    @Test
    void theDocsListExactlyTheMetricsTheAgentExposes() throws Exception {
        TestPki pki = TestPki.create(dir.resolve("pki"));
        String scrape;
        try (AgentHarness harness = AgentHarness.start(pki, dir, AgentHarness.baseConfig(pki, dir, CLUSTER))) {
            scrape = harness.control("/metrics").body();
        }
        Set<String> exposed = new TreeSet<>();
        Matcher types = TYPE_LINE.matcher(scrape);
        while (types.find()) {
            exposed.add(types.group(1));
        }
        String doc = Files.readString(DOC);
        String section = doc.substring(doc.indexOf("### Metrics"), doc.indexOf("\n## ", doc.indexOf("### Metrics")));
        Set<String> documented = new TreeSet<>();
        Matcher names = DOCUMENTED.matcher(section);
        while (names.find()) {
            documented.add(names.group(1));
        }
        assertThat(exposed).as("metrics exposed by an agent without endpoint").hasSizeGreaterThan(20);
        assertThat(documented).as("docs/usm-agent.md, section Metrics").isEqualTo(exposed);
        assertThat(scrape).contains("# TYPE jvm_memory_used_bytes gauge").contains("# TYPE jvm_threads_current gauge");
    }
}
