package io.connectusm.cli.connect;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.connectusm.cli.UsmCommandLine;
import picocli.CommandLine;

/** The registration verbs as wired into the real {@code usm} root command, with its error handling. */
class UsmRootCommandTest {

    private static String[] run(String... args) {
        CommandLine usm = UsmCommandLine.create(Map.of());
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        usm.setOut(new PrintWriter(out, true));
        usm.setErr(new PrintWriter(err, true));
        int code = usm.execute(args);
        return new String[] {Integer.toString(code), out.toString(), err.toString()};
    }

    @Test
    void aliasesReachTheSameCommands() {
        for (String verb : new String[] {"connect", "connect-cluster"}) {
            String[] r = run(verb, "delete", "usmkc-abc", "--force");
            assertThat(r[0]).isEqualTo("1");
            assertThat(r[2]).isEqualTo("Error: failed parsing resource ID usmkc-abc: missing prefix \"usmcc-\"\n");
        }
        String[] kafka = run("kafka-cluster", "describe", "nope");
        assertThat(kafka[2]).isEqualTo("Error: failed parsing resource ID nope: missing prefix \"usmkc-\"\n");
    }

    @Test
    void helpListsTheRegistrationVerbs() {
        String[] r = run("--help");

        assertThat(r[0]).isEqualTo("0");
        assertThat(r[1]).contains("endpoint").contains("kafka").contains("connect").contains("login");
    }

    @Test
    void aMissingRequiredFlagIsAUsageError() {
        String[] r = run("connect", "register", "connect-1");

        assertThat(r[0]).isEqualTo("2");
        assertThat(r[2]).contains("--confluent-platform-kafka-cluster");
    }
}
