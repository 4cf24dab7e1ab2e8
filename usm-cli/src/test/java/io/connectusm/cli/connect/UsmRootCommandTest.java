package io.connectusm.cli.connect;

import static io.connectusm.cli.UsmRun.usm;
import static org.assertj.core.api.Assertions.assertThat;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.config.Configurator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.connectusm.cli.UsmRun;

/** The registration verbs as wired into the real {@code usm} root command, with its error handling. */
class UsmRootCommandTest {

    /** -vvv lowers the level of this whole JVM, as it does in a usm process: give the next tests their quiet back. */
    @AfterEach
    void quietAgain() {
        Configurator.setRootLevel(Level.WARN);
    }

    @Test
    void theCommandTreeAndAliasesAreConfluents() {
        for (String group : new String[] {"connect", "connect-cluster"}) {
            for (String verb : new String[] {"delete", "deregister"}) {
                UsmRun r = usm(group, verb, "usmkc-abc", "--force");
                assertThat(r.exitCode()).as(r.toString()).isEqualTo(2);
                assertThat(r.err()).isEqualTo("Error: failed parsing resource ID usmkc-abc: missing prefix "
                        + "\"usmcc-\"\n");
            }
        }
        for (String group : new String[] {"kafka", "kafka-cluster"}) {
            UsmRun r = usm(group, "describe", "nope");
            assertThat(r.err()).isEqualTo("Error: failed parsing resource ID nope: missing prefix \"usmkc-\"\n");
        }
        UsmRun help = usm("connect-cluster", "--help");
        assertThat(help.out()).contains("register, create").contains("deregister, delete").contains("connector")
                .contains("cluster");
        assertThat(usm("--help").out()).contains("kafka-cluster, kafka").contains("connect-cluster, connect")
                .contains("context");
    }

    @Test
    void aMissingRequiredFlagIsAUsageError() {
        UsmRun r = usm("connect", "register", "connect-1");

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("kafka-cluster-id");
    }

    @Test
    void anUnknownOutputFormatIsAUsageErrorListingTheFormats() {
        UsmRun r = usm("connect-cluster", "list", "-o", "xml");

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).startsWith("Error: Invalid value for option '--output': \"xml\" is not an output format: "
                + "use \"human\", \"json\", or \"yaml\"\n").doesNotContain("Exception")
                .endsWith("Run 'usm connect-cluster list --help' for usage.\n");
    }

    @Test
    void verbosityIsACounterAndUnsafeTraceItsAlias() {
        UsmRun quiet = usm("connect-cluster", "list", "--url", "http://127.0.0.1:1", "--api-key", "k",
                "--api-secret", "s", "--environment", "env-x", "--usm-config", "/nonexistent/none");
        UsmRun vvv = usm("-vvv", "connect-cluster", "list", "--url", "http://127.0.0.1:1", "--api-key", "k",
                "--api-secret", "s", "--environment", "env-x", "--usm-config", "/nonexistent/none");
        UsmRun trace = usm("connect-cluster", "list", "--unsafe-trace", "--url", "http://127.0.0.1:1", "--api-key", "k",
                "--api-secret", "s", "--environment", "env-x", "--usm-config", "/nonexistent/none");

        assertThat(quiet.exitCode()).isEqualTo(1);
        assertThat(quiet.err()).isEqualTo("Error: cannot connect to http://127.0.0.1:1: connection refused\n");
        assertThat(vvv.exitCode()).isEqualTo(1);
        assertThat(vvv.err()).startsWith("Error: cannot connect to http://127.0.0.1:1: connection refused\n");
        assertThat(trace.exitCode()).isEqualTo(1);
        assertThat(usm("-v", "-vv", "--verbose", "--help").exitCode()).as("-v, -vv and --verbose add up").isZero();
        assertThat(usm("--help").out()).contains("-v, --verbose").contains("--unsafe-trace");
    }
}
