package io.connectusm.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.connectusm.cli.login.TestUsmEndpointExtension;
import io.connectusm.cli.output.Golden;
import io.connectusm.cli.output.Terminal;
import picocli.CommandLine;

/**
 * The example commands of the README and of the USM documentation (the seed documents in shared/reference), run
 * as written with {@code usm} in place of {@code confluent usm}, through the real {@code usm} root, against a real
 * endpoint: each must succeed and print Confluent's table.
 */
class DocumentedCommandsTest {

    @RegisterExtension
    static final TestUsmEndpointExtension usm = new TestUsmEndpointExtension();

    private static String[] run(String stdin, List<String> args) {
        List<String> all = new ArrayList<>(args);
        all.addAll(Arrays.asList(usm.endpoint().connectionArgs(usm.dir().resolve("no-login.properties"))));
        CommandLine cli = UsmCommandLine.create(Map.of());
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        Terminal terminal = new Terminal(new BufferedReader(new StringReader(stdin)), null);
        inject(cli, terminal);
        int code = cli.execute(all.toArray(String[]::new));
        return new String[] {Integer.toString(code), out.toString(), err.toString()};
    }

    private static void inject(CommandLine cli, Terminal terminal) {
        io.connectusm.cli.output.CliRun.TerminalAccess.inject(cli.getCommand(), terminal);
        cli.getSubcommands().values().stream().distinct().forEach(sub -> inject(sub, terminal));
    }

    /** The README's {@code bin/usm kafka|connect …} lines, split into arguments (they hold no quotes). */
    private static List<List<String>> readmeCommands() throws Exception {
        Path readme = Path.of(System.getProperty("basedir", ".")).toAbsolutePath().getParent().resolve("README.md");
        try (Stream<String> lines = Files.lines(readme)) {
            return lines.filter(l -> l.startsWith("bin/usm kafka ") || l.startsWith("bin/usm connect "))
                    .map(l -> Arrays.asList(l.substring("bin/usm ".length()).trim().split("\\s+"))).toList();
        }
    }

    @Test
    void theReadmesRegistrationCommandsRunAsWritten() throws Exception {
        List<List<String>> commands = readmeCommands();
        assertThat(commands).as("the README shows the Kafka and the Connect registration").hasSize(2);

        for (List<String> command : commands) {
            String[] r = run("", command);
            assertThat(r[0]).as(String.join(" ", command) + "\n" + r[2]).isEqualTo("0");
            assertThat(r[1]).startsWith("+--------------------------------+").contains("| ID ");
        }
    }

    @Test
    void theUsmDocumentationsCommandsRunAsWritten() {
        // confluent usm kafka register 4k0R9d1GTS5tI9f4Y2xZ0Q --name my-kafka-cluster --cloud aws --region us-east-1
        String[] kafka = run("", List.of("kafka", "register", "4k0R9d1GTS5tI9f4Y2xZ0Q", "--name", "my-kafka-cluster",
                "--cloud", "aws", "--region", "us-east-1", "--environment", "env-12345"));
        // confluent usm connect register connect-group-xyz123 --confluent-platform-kafka-cluster 4k0R9d1GTS5tI9f4Y2xZ0Q
        //     --cloud aws --region us-east-1
        String[] connect = run("", List.of("connect", "register", "connect-group-xyz123",
                "--confluent-platform-kafka-cluster", "4k0R9d1GTS5tI9f4Y2xZ0Q", "--cloud", "aws", "--region",
                "us-east-1", "--environment", "env-12345"));
        String id = connect[1].replaceAll("(?s).*\\| ID +\\| (usmcc-[a-z0-9]+) .*", "$1");
        // confluent usm connect deregister usmcc-abc123 --environment env-12345, answered y
        String[] deregister = run("y\n", List.of("connect", "deregister", id, "--environment", "env-12345"));

        assertThat(kafka[0]).as(kafka[2]).isEqualTo("0");
        assertThat(connect[0]).as(connect[2]).isEqualTo("0");
        Golden.assertMatches("documented-connect-register.txt", connect[1]);
        assertThat(deregister[0]).as(deregister[2]).isEqualTo("0");
        assertThat(deregister[1]).isEqualTo("Are you sure you want to deregister USM Connect cluster \"" + id
                + "\"? (y/n): Deregistered USM Connect cluster \"" + id + "\".\n");
    }

    @Test
    void underTheRealRootThePromptEchoesTheAliasTyped() {
        run("", List.of("kafka-cluster", "create", "kafka-alias", "--name", "k", "--cloud", "aws", "--region",
                "us-east-1", "--environment", "env-alias"));
        String[] created = run("", List.of("connect-cluster", "create", "connect-alias", "--kafka-cluster-id",
                "kafka-alias", "--environment", "env-alias", "-o", "json"));
        String id = created[1].replaceAll("(?s).*\"id\": \"(usmcc-[a-z0-9]+)\".*", "$1");

        String[] deleted = run("y\n", List.of("-v", "connect", "delete", id));

        assertThat(deleted[0]).as(deleted[2]).isEqualTo("0");
        assertThat(deleted[1]).isEqualTo("Are you sure you want to delete USM Connect cluster \"" + id
                + "\"? (y/n): Deleted USM Connect cluster \"" + id + "\".\n");
    }
}
