package io.connectusm.cli.connect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.connectusm.cli.kafka.KafkaCommand;
import io.connectusm.cli.login.TestUsmEndpoint;
import io.connectusm.cli.login.TestUsmEndpointExtension;
import io.connectusm.cli.output.CliRun;
import io.connectusm.cli.output.Golden;

/** {@code usm connect …} against a real endpoint on loopback HTTPS, compared with golden files. */
class ConnectCommandGoldenTest {

    @RegisterExtension
    static final TestUsmEndpointExtension usm = new TestUsmEndpointExtension();

    @BeforeAll
    static void registerKafkaCluster() {
        CliRun kafka = CliRun.run(new KafkaCommand(), null, usm.args("register",
                "--confluent-platform-kafka-cluster", "4k0R9d1GTS5tI9f4Y2xZ0Q", "--cloud", "aws", "--region",
                "us-east-1", "--environment", "env-stgcqqd737"));
        assertThat(kafka.exitCode()).as(kafka.err()).isZero();
    }

    private static CliRun connect(String stdin, String... command) {
        return CliRun.run(new ConnectCommand(), stdin, usm.args(command));
    }

    private static String register(String connectId, String env) {
        CliRun kafka = CliRun.run(new KafkaCommand(), null, usm.args("register", "--confluent-platform-kafka-cluster",
                "4k0R9d1GTS5tI9f4Y2xZ0Q", "--cloud", "aws", "--region", "us-east-1", "--environment", env));
        assertThat(kafka.exitCode() == 0 || kafka.err().contains("already registered")).as(kafka.err()).isTrue();
        CliRun run = connect(null, "register", connectId, "--confluent-platform-kafka-cluster",
                "4k0R9d1GTS5tI9f4Y2xZ0Q", "--environment", env, "-o", "json");
        assertThat(run.exitCode()).as(run.err()).isZero();
        return run.out().replaceAll("(?s).*\"id\": \"(usmcc-[a-z0-9]+)\".*", "$1");
    }

    @Test
    void registerPrintsConfluentsBoxTable() {
        CliRun run = connect(null, "register", "connect-group-xyz123", "--confluent-platform-kafka-cluster",
                "4k0R9d1GTS5tI9f4Y2xZ0Q", "--cloud", "aws", "--region", "us-east-1", "--environment", "env-stgcqqd737");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err()).isEmpty();
        Golden.assertMatches("connect-register.txt", run.out());
    }

    @Test
    void createIsAnAliasAndDescribePrintsTheSameTableInJsonAndYamlToo() {
        CliRun created = connect(null, "create", "connect-describe", "--confluent-platform-kafka-cluster",
                "4k0R9d1GTS5tI9f4Y2xZ0Q", "--environment", "env-stgcqqd737");
        assertThat(created.exitCode()).as(created.err()).isZero();
        String id = created.out().replaceAll("(?s).*\\| ID +\\| (usmcc-[a-z0-9]+) .*", "$1");
        assertThat(id).startsWith("usmcc-");

        CliRun human = connect(null, "describe", id);
        CliRun json = connect(null, "describe", id, "-o", "json");
        CliRun yaml = connect(null, "describe", id, "-o", "yaml");

        assertThat(human.out()).isEqualTo(created.out());
        Golden.assertMatches("connect-describe.txt", human.out());
        Golden.assertMatches("connect-describe-json.txt", json.out());
        Golden.assertMatches("connect-describe-yaml.txt", yaml.out());
    }

    @Test
    void listPrintsTheColumnTableOfAnEnvironment() {
        register("connect-list-a", "env-listing");
        register("connect-list-b", "env-listing");

        CliRun run = connect(null, "list", "--environment", "env-listing");
        CliRun empty = connect(null, "list", "--environment", "env-empty");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("connect-list-a").contains("connect-list-b");
        // listing order is by ID (random): compare line sets through the golden file of a sorted copy
        List<String> lines = new ArrayList<>(run.out().lines().toList());
        List<String> sortedRows = new ArrayList<>(lines.subList(2, lines.size()));
        sortedRows.sort(null);
        String sorted = lines.get(0) + "\n" + lines.get(1) + "\n" + String.join("\n", sortedRows) + "\n";
        Golden.assertMatches("connect-list.txt", sorted.replace("connect-list-b", "connect-list-X")
                .replace("connect-list-a", "connect-list-X"));
        Golden.assertMatches("connect-list-empty.txt", empty.out());
    }

    @Test
    void deregisterAsksFirstAndDeregistersOnYes() {
        String id = register("connect-dereg", "env-dereg");

        CliRun declined = connect("n\n", "deregister", id);
        CliRun confirmed = connect("y\n", "deregister", id);
        CliRun gone = connect(null, "describe", id);

        assertThat(declined.exitCode()).isZero();
        assertThat(declined.out()).isEqualTo("Are you sure you want to deregister USM Connect cluster \"" + id
                + "\"? (y/n): ");
        assertThat(confirmed.exitCode()).isZero();
        Golden.assertMatches("connect-deregister.txt", confirmed.out());
        assertThat(gone.exitCode()).isEqualTo(1);
        assertThat(gone.err()).isEqualTo("Error: USM Connect cluster \"" + id + "\" not found\n");
    }

    @Test
    void deleteWithForceSkipsTheQuestion() {
        String id = register("connect-force", "env-force");

        CliRun run = connect(null, "delete", id, "--force");

        assertThat(run.exitCode()).isZero();
        Golden.assertMatches("connect-deregister-force.txt", run.out());
    }

    @Test
    void aBadIdIsRefusedBeforeAnyRequest() {
        CliRun run = connect(null, "deregister", "lcc-123", "--force");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).isEmpty();
        Golden.assertMatches("connect-bad-id.txt", run.err());
    }

    @Test
    void registeringWithoutTheKafkaClusterSaysWhatToDo() {
        CliRun run = connect(null, "register", "connect-x", "--confluent-platform-kafka-cluster", "unknown-kafka",
                "--environment", "env-stgcqqd737");

        assertThat(run.exitCode()).isEqualTo(1);
        Golden.assertMatches("connect-register-kafka-missing.txt", run.err());
    }

    @Test
    void registeringTwiceIsAnError() {
        register("connect-twice", "env-twice");

        CliRun run = connect(null, "register", "connect-twice", "--confluent-platform-kafka-cluster",
                "4k0R9d1GTS5tI9f4Y2xZ0Q", "--environment", "env-twice");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).startsWith("Error: Connect cluster \"connect-twice\"").contains("already registered");
    }

    @Test
    void theSecretNeverShowsInOutput() {
        TestUsmEndpoint endpoint = usm.endpoint();
        CliRun wrongSecret = CliRun.run(new ConnectCommand(), null, "list", "--environment", "env-x", "--url",
                endpoint.url(), "--api-key", endpoint.admin().key(), "--api-secret", "wrong-" + endpoint.admin().secret(),
                "--ca-cert", endpoint.caPem().toString(), "--usm-config", usm.dir().resolve("none").toString());
        CliRun ok = connect(null, "list", "--environment", "env-x", "-o", "yaml");

        assertThat(wrongSecret.exitCode()).isEqualTo(1);
        assertThat(wrongSecret.err()).isEqualTo("Error: authentication failed: check the API key and secret\n");
        assertThat(wrongSecret.out() + wrongSecret.err() + ok.out() + ok.err()).doesNotContain(endpoint.admin().secret());
        assertThat(ok.out()).isEqualTo("[]\n");
    }
}
