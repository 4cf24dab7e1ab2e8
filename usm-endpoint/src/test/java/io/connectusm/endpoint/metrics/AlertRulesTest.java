package io.connectusm.endpoint.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

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
        Path promtool = Path.of(System.getProperty("promtool.path", "/usr/bin/promtool"));
        boolean required = Boolean.getBoolean("require.promtool");
        if (!Files.isExecutable(promtool)) {
            assertThat(required).as("promtool is required (-Drequire.promtool=true) but " + promtool
                    + " is missing: apt-get install prometheus").isFalse();
            assumeTrue(false, "promtool not installed at " + promtool);
        }
        List<String> command = new java.util.ArrayList<>(List.of(promtool.toString()));
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).directory(RULES_DIR.toFile()).redirectErrorStream(true);
        if (stdin != null) {
            builder.redirectInput(stdin.toAbsolutePath().toFile());
        }
        Process process = builder.start();
        if (stdin == null) {
            process.getOutputStream().close();
        }
        byte[] out = process.getInputStream().readAllBytes();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("promtool finished").isTrue();
        return new Result(process.exitValue(), new String(out, StandardCharsets.UTF_8));
    }

    record Result(int exit, String output) {
    }
}
