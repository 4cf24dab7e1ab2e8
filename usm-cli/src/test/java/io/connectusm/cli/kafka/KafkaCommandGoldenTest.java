package io.connectusm.cli.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.connectusm.cli.connect.ConnectCommand;
import io.connectusm.cli.login.TestUsmEndpointExtension;
import io.connectusm.cli.output.CliRun;
import io.connectusm.cli.output.Golden;

/**
 * {@code usm kafka-cluster …} against a real endpoint on loopback HTTPS, compared with golden files shaped as
 * Confluent's CLI 4.73+ prints them ({@code test/fixtures/output/usm/kafka-cluster/} of confluentinc/cli).
 */
class KafkaCommandGoldenTest {

    @RegisterExtension
    static final TestUsmEndpointExtension usm = new TestUsmEndpointExtension();

    private static CliRun kafka(String stdin, String... command) {
        return CliRun.run(new KafkaCommand(), stdin, usm.args(command));
    }

    private static String idOf(CliRun run) {
        assertThat(run.exitCode()).as(run.err()).isZero();
        return run.out().replaceAll("(?s).*\\| ID +\\| (usmkc-[a-z0-9]+) .*", "$1");
    }

    private static String register(String kafkaId, String env) {
        return idOf(kafka(null, "register", kafkaId, "--name", "n-" + kafkaId, "--cloud", "aws", "--region",
                "us-east-1", "--environment", env));
    }

    @Test
    void theDocumentedRegisterCommandPrintsConfluentsTable() {
        // README / Confluent's example: confluent usm kafka register 4k0R9d1GTS5tI9f4Y2xZ0Q --name … --cloud aws …
        CliRun registered = kafka(null, "register", "4k0R9d1GTS5tI9f4Y2xZ0Q", "--name", "my-kafka-cluster",
                "--cloud", "aws", "--region", "us-east-1", "--environment", "env-kafka1");
        String id = idOf(registered);

        CliRun described = kafka(null, "describe", id);
        CliRun json = kafka(null, "describe", id, "-o", "json");
        CliRun yaml = kafka(null, "describe", id, "-o", "yaml");

        assertThat(registered.err()).isEmpty();
        Golden.assertMatches("kafka-register.txt", registered.out());
        assertThat(described.out()).isEqualTo(registered.out());
        Golden.assertMatches("kafka-describe-json.txt", json.out());
        Golden.assertMatches("kafka-describe-yaml.txt", yaml.out());
    }

    @Test
    void theOlderFlagSpellingAndTheCreateAliasStillWork() {
        CliRun old = kafka(null, "register", "--confluent-platform-kafka-cluster", "kafka-old", "--cloud", "gcp",
                "--region", "europe-west1", "--environment", "env-kafka-old");
        CliRun created = kafka(null, "create", "kafka-created", "--confluent-platform-kafka-cluster", "kafka-created",
                "--name", "created", "--cloud", "azure", "--region", "westeurope", "--environment", "env-kafka-old");

        assertThat(old.exitCode()).as(old.err()).isZero();
        assertThat(old.out()).contains("| Name                           | kafka-old ");
        assertThat(created.exitCode()).as(created.err()).isZero();
        assertThat(created.out()).contains("AZURE").contains("westeurope");
    }

    @Test
    void listsAreSortedAndSayNoneFoundWhenEmpty() {
        register("kafka-b", "env-kafka-list");
        register("kafka-a", "env-kafka-list");
        register("kafka-c", "env-kafka-list");

        CliRun human = kafka(null, "list", "--environment", "env-kafka-list");
        CliRun json = kafka(null, "list", "--environment", "env-kafka-list", "-o", "json");
        CliRun yaml = kafka(null, "list", "--environment", "env-kafka-list", "-o", "yaml");
        CliRun none = kafka(null, "list", "--environment", "env-kafka-none");
        CliRun noneJson = kafka(null, "list", "--environment", "env-kafka-none", "-o", "json");
        CliRun noneYaml = kafka(null, "list", "--environment", "env-kafka-none", "-o", "yaml");

        assertThat(human.out().lines().skip(3).map(l -> l.split("\\|")[0].strip()).toList())
                .as("sorted by ID, as Confluent sorts by the first field").isSorted().hasSize(3);
        // Which name goes with which random ID differs per run: the names are masked, the IDs numbered in order.
        Golden.assertMatches("kafka-list.txt", Golden.byIdOrder(human.out()).replaceAll("kafka-[abc]\\b", "kafka-X"));
        Golden.assertMatches("kafka-list-json.txt", Golden.byIdOrder(json.out()).replaceAll("kafka-[abc]\\b",
                "kafka-X"));
        Golden.assertMatches("kafka-list-yaml.txt", Golden.byIdOrder(yaml.out()).replaceAll("kafka-[abc]\\b",
                "kafka-X"));
        assertThat(none.out()).isEqualTo("None found.\n");
        assertThat(noneJson.out()).isEqualTo("[]\n");
        assertThat(noneYaml.out()).isEqualTo("[]\n");
    }

    @Test
    void requiredFlagsAreNamedAsCobraNamesThem() {
        CliRun none = kafka(null, "register", "k-missing");
        CliRun noId = kafka(null, "register", "--name", "x", "--cloud", "aws", "--region", "r");
        CliRun twice = kafka(null, "register", "k1", "--confluent-platform-kafka-cluster", "k2", "--name", "x",
                "--cloud", "aws", "--region", "r");

        assertThat(none.exitCode()).isEqualTo(2);
        assertThat(none.err()).isEqualTo("Error: required flag(s) \"cloud\", \"name\", \"region\" not set\n");
        assertThat(noId.exitCode()).isEqualTo(2);
        assertThat(noId.err()).startsWith("Error: accepts 1 arg(s), received 0");
        assertThat(twice.exitCode()).isEqualTo(2);
        assertThat(twice.err()).contains("given twice");
    }

    @Test
    void deregisterTakesSeveralIdsWithThePluralPromptAndEchoesTheTypedVerb() {
        String a = register("kafka-del-a", "env-kafka-del");
        String b = register("kafka-del-b", "env-kafka-del");
        String c = register("kafka-del-c", "env-kafka-del");

        CliRun declined = kafka("n\n", "deregister", a, b);
        CliRun deregistered = kafka("y\n", "deregister", a, b);
        CliRun deleted = kafka("y\n", "delete", c);

        assertThat(declined.exitCode()).isZero();
        Golden.assertMatches("kafka-deregister-declined.txt", declined.out());
        assertThat(deregistered.exitCode()).as(deregistered.err()).isZero();
        Golden.assertMatches("kafka-deregister-multiple.txt", deregistered.out());
        Golden.assertMatches("kafka-delete.txt", deleted.out());
        assertThat(kafka(null, "list", "--environment", "env-kafka-del").out()).isEqualTo("None found.\n");
    }

    @Test
    void everyIdMustExistBeforeAnythingIsAsked() {
        String a = register("kafka-exists", "env-kafka-exist");

        CliRun run = kafka("y\n", "deregister", a, "usmkc-nothere00001", "usmkc-nothere00002");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).as("no question asked").isEmpty();
        Golden.assertMatches("kafka-deregister-not-found.txt", run.err());
        assertThat(kafka(null, "describe", a).exitCode()).as("nothing deleted").isZero();
    }

    @Test
    void unknownAndMalformedIds() {
        CliRun unknown = kafka(null, "describe", "usmkc-unknown00001");
        CliRun badPrefix = kafka(null, "describe", "usmcc-abc");
        CliRun badPrefixes = kafka(null, "deregister", "lkc-1", "usmkc-ok", "usmcc-2", "--force");

        assertThat(unknown.exitCode()).isEqualTo(1);
        Golden.assertMatches("kafka-describe-not-found.txt", unknown.err());
        assertThat(badPrefix.exitCode()).as("a usage error").isEqualTo(2);
        assertThat(badPrefix.err()).isEqualTo("Error: failed parsing resource ID usmcc-abc: missing prefix \"usmkc-\"\n");
        assertThat(badPrefixes.exitCode()).isEqualTo(2);
        assertThat(badPrefixes.err()).isEqualTo("Error: failed parsing resource IDs \"lkc-1\" and \"usmcc-2\": missing "
                + "prefix \"usmkc-\"\n");
    }

    @Test
    void registeringTwiceNamesTheExistingRegistration() {
        String id = register("kafka-twice", "env-kafka-twice");

        CliRun again = kafka(null, "register", "kafka-twice", "--name", "x", "--cloud", "aws", "--region", "us-east-1",
                "--environment", "env-kafka-twice");

        assertThat(again.exitCode()).isEqualTo(1);
        assertThat(again.err()).startsWith("Error: Kafka cluster \"kafka-twice\" is already registered in environment "
                + "\"env-kafka-twice\" as \"" + id + "\"\n");
        Golden.assertMatches("kafka-register-twice.txt", again.err());
    }

    @Test
    void aKafkaClusterWithConnectClustersIsRefusedNamingThem() {
        String id = register("kafka-busy", "env-kafka-busy");
        CliRun connect = CliRun.run(new ConnectCommand(), null, usm.args("register", "connect-busy",
                "--kafka-cluster-id", "kafka-busy", "--environment", "env-kafka-busy", "-o", "json"));
        assertThat(connect.exitCode()).as(connect.err()).isZero();
        String usmcc = connect.out().replaceAll("(?s).*\"id\": \"(usmcc-[a-z0-9]+)\".*", "$1");

        CliRun run = kafka(null, "delete", id, "--force");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).isEqualTo("Error: failed to delete " + id + ": USM Kafka cluster \"" + id
                + "\" still has 1 registered USM Connect cluster: " + usmcc + " (connect-busy); deregister it first "
                + "with 'usm connect-cluster deregister " + usmcc + "'\n");
    }

    @Test
    void badCloudIsTheEndpointsMessage() {
        CliRun badCloud = kafka(null, "register", "k", "--name", "k", "--cloud", "mars", "--region", "r1");

        assertThat(badCloud.exitCode()).isEqualTo(1);
        assertThat(badCloud.err()).isEqualTo("Error: cloud must be one of AWS, AZURE, GCP\n");
    }
}
