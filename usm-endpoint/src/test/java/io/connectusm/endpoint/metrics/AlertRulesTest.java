package io.connectusm.endpoint.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import io.connectusm.testkit.Promtool;

import org.junit.jupiter.api.Test;

/**
 * The shipped alert rules ({@code config-samples/prometheus/usm-alerts.yaml}) are valid and behave as their test
 * file says, checked by Prometheus' own {@code promtool}. Without promtool the tests skip, or fail under
 * {@code -Drequire.promtool=true} (CI).
 */
class AlertRulesTest {

    static final Path RULES_DIR = Path.of("..", "config-samples", "prometheus");
    static final Path RULES = RULES_DIR.resolve("usm-alerts.yaml");

    @Test
    void promtoolAcceptsTheRules() throws Exception {
        Result result = promtool(List.of("check", "rules", RULES.getFileName().toString()));
        assertThat(result.exit()).as(result.output()).isZero();
        assertThat(result.output()).contains("SUCCESS: 5 rules found");
    }

    @Test
    void theRulesPassTheirUnitTests() throws Exception {
        Result result = promtool(List.of("test", "rules", "usm-alerts-test.yaml"));
        assertThat(result.exit()).as(result.output()).isZero();
        assertThat(result.output()).contains("SUCCESS");
    }

    /** promtool in {@link #RULES_DIR}; skips (or fails when required) without it. */
    static Result promtool(List<String> args) throws IOException, InterruptedException {
        return promtool(args, null);
    }

    /** promtool reading {@code stdin} (a file, or {@code null} for none). */
    static Result promtool(List<String> args, Path stdin) throws IOException, InterruptedException {
        if (!Promtool.installed()) {
            assertThat(Promtool.required()).as("promtool is required (-Drequire.promtool=true) but " + Promtool.path()
                    + " is missing: apt-get install prometheus").isFalse();
            assumeTrue(false, "promtool not installed at " + Promtool.path());
        }
        Promtool.Result result = Promtool.run(RULES_DIR, args, stdin);
        return new Result(result.exit(), result.output());
    }

    record Result(int exit, String output) {
    }
}
