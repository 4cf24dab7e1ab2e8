package io.connectusm.cli.quickstart;

import static io.connectusm.cli.UsmRun.usm;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.connectusm.cli.UsmRun;

/** {@code usm quickstart --help} reads well in an 80-column terminal. */
class QuickstartHelpTest {

    @Test
    void everyLineFitsIn80ColumnsAndNothingIsBrokenMidWord() {
        UsmRun help = usm("quickstart", "--help");

        assertThat(help.exitCode()).isZero();
        assertThat(help.out().lines()).allSatisfy(line -> assertThat(line.length()).as(line).isLessThanOrEqualTo(80));
        assertThat(help.out()).contains("Default: .usm-quickstart").containsPattern("--agent-metrics-port=PORT +Agent health");
        String examples = help.out().substring(help.out().indexOf("Examples:"));
        assertThat(examples.lines().skip(1)).allSatisfy(line -> assertThat(line).startsWith("  bin/usm quickstart"));
    }
}
