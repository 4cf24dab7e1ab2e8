package io.connectusm.cli.connect;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.connectusm.cli.kafka.KafkaCommand;
import io.connectusm.cli.login.TestUsmEndpoint;
import io.connectusm.cli.login.TestUsmEndpointExtension;
import io.connectusm.cli.output.CliRun;
import io.connectusm.cli.output.Golden;

/**
 * {@code usm connect-cluster …} against a real endpoint on loopback HTTPS, compared with golden files shaped as
 * Confluent's CLI 4.73+ prints them ({@code test/fixtures/output/usm/connect-cluster/} of confluentinc/cli), with the
 * commands of the README and of the USM documentation exactly as written there.
 */
class ConnectCommandGoldenTest {

    static final String KAFKA = "4k0R9d1GTS5tI9f4Y2xZ0Q";

    @RegisterExtension
    static final TestUsmEndpointExtension usm = new TestUsmEndpointExtension();

    @BeforeAll
    static void registerKafkaCluster() {
        kafka("env-stgcqqd737");
    }

    private static void kafka(String env) {
        CliRun kafka = CliRun.run(new KafkaCommand(), null, usm.args("register", KAFKA, "--name", "prod", "--cloud",
                "aws", "--region", "us-east-1", "--environment", env));
        assertThat(kafka.exitCode() == 0 || kafka.err().contains("already registered")).as(kafka.err()).isTrue();
    }

    private static CliRun connect(String stdin, String... command) {
        return CliRun.run(new ConnectCommand(), stdin, usm.args(command));
    }

    private static String register(String connectId, String env) {
        kafka(env);
        CliRun run = connect(null, "register", connectId, "--kafka-cluster-id", KAFKA, "--environment", env, "-o",
                "json");
        assertThat(run.exitCode()).as(run.err()).isZero();
        return run.out().replaceAll("(?s).*\"id\": \"(usmcc-[a-z0-9]+)\".*", "$1");
    }

    @Test
    void theDocumentedRegisterCommandPrintsConfluentsTable() {
        // The USM documentation's example, as written: confluent usm connect register connect-group-xyz123 …
        CliRun run = connect(null, "register", "connect-group-xyz123", "--confluent-platform-kafka-cluster", KAFKA,
                "--cloud", "aws", "--region", "us-east-1", "--environment", "env-stgcqqd737");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err()).isEmpty();
        Golden.assertMatches("connect-register.txt", run.out());
    }

    @Test
    void createIsAnAliasKafkaClusterIdTheNewFlagAndDescribePrintsTheSameInEveryFormat() {
        CliRun created = connect(null, "create", "connect-describe", "--kafka-cluster-id", KAFKA,
                "--environment", "env-stgcqqd737");
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
    void cloudAndRegionAreOptionalButGoTogether() {
        kafka("env-pair");
        CliRun onlyCloud = connect(null, "register", "connect-pair", "--kafka-cluster-id", KAFKA, "--cloud", "gcp",
                "--environment", "env-pair");
        CliRun onlyRegion = connect(null, "register", "connect-pair", "--kafka-cluster-id", KAFKA, "--region", "r1",
                "--environment", "env-pair");
        CliRun neither = connect(null, "register", "connect-pair", "--kafka-cluster-id", KAFKA, "--environment",
                "env-pair");
        CliRun noKafka = connect(null, "register", "connect-x");

        assertThat(onlyCloud.exitCode()).isEqualTo(2);
        assertThat(onlyCloud.err()).isEqualTo("Error: if any flags in the group [cloud region] are set they must all "
                + "be set; missing [region]\n");
        assertThat(onlyRegion.err()).endsWith("missing [cloud]\n");
        assertThat(neither.exitCode()).as(neither.err()).isZero();
        assertThat(neither.out()).as("the Kafka cluster's").contains("| AWS ").contains("| us-east-1 ");
        assertThat(noKafka.exitCode()).isEqualTo(2);
        assertThat(noKafka.err()).startsWith("Error: required flag(s) \"kafka-cluster-id\" not set");
    }

    @Test
    void listIsSortedWithWrappedHeadersAndNoneFoundWhenEmpty() {
        register("connect-list-a", "env-listing");
        register("connect-list-b", "env-listing");

        CliRun run = connect(null, "list", "--environment", "env-listing");
        CliRun json = connect(null, "list", "--environment", "env-listing", "-o", "json");
        CliRun yaml = connect(null, "list", "--environment", "env-listing", "-o", "yaml");
        CliRun empty = connect(null, "list", "--environment", "env-empty");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out().lines().skip(3).map(l -> l.split("\\|")[0].strip()).toList()).isSorted().hasSize(2);
        Golden.assertMatches("connect-list.txt", Golden.byIdOrder(run.out()).replaceAll("connect-list-[ab]",
                "connect-list-X"));
        Golden.assertMatches("connect-list-json.txt", Golden.byIdOrder(json.out()).replaceAll("connect-list-[ab]",
                "connect-list-X"));
        Golden.assertMatches("connect-list-yaml.txt", Golden.byIdOrder(yaml.out()).replaceAll("connect-list-[ab]",
                "connect-list-X"));
        assertThat(empty.out()).isEqualTo("None found.\n");
    }

    @Test
    void theDocumentedDeregisterAsksFirstAndDeregistersOnYes() {
        // The USM documentation: confluent usm connect deregister usmcc-abc123 --environment env-12345
        kafka("env-12345");
        String id = register("connect-dereg", "env-12345");

        CliRun declined = connect("n\n", "deregister", id, "--environment", "env-12345");
        CliRun confirmed = connect("y\n", "deregister", id, "--environment", "env-12345");
        CliRun gone = connect(null, "describe", id);

        assertThat(declined.exitCode()).isZero();
        assertThat(declined.out()).isEqualTo("Are you sure you want to deregister USM Connect cluster \"" + id
                + "\"? (y/n): Nothing deregistered.\n");
        assertThat(confirmed.exitCode()).isZero();
        Golden.assertMatches("connect-deregister.txt", confirmed.out());
        assertThat(gone.exitCode()).isEqualTo(1);
        Golden.assertMatches("connect-describe-not-found.txt", gone.err());
    }

    @Test
    void deleteOfSeveralWithForceSkipsTheQuestionAndSaysDeleted() {
        String a = register("connect-force-a", "env-force");
        String b = register("connect-force-b", "env-force");
        String c = register("connect-force-c", "env-force");

        CliRun one = connect(null, "delete", a, "--force");
        CliRun two = connect("y\n", "delete", b, c);

        assertThat(one.exitCode()).isZero();
        Golden.assertMatches("connect-deregister-force.txt", one.out());
        Golden.assertMatches("connect-delete-multiple.txt", two.out());
    }

    @Test
    void unknownIdsAreRefusedBeforeAnyQuestionWithConfluentsSuggestion() {
        String a = register("connect-known", "env-unknown");

        CliRun run = connect("y\n", "deregister", a, "usmcc-nothere00001");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).isEmpty();
        Golden.assertMatches("connect-deregister-not-found.txt", run.err());
        assertThat(connect(null, "describe", a).exitCode()).isZero();
    }

    @Test
    void aBadIdIsAUsageErrorBeforeAnyRequest() {
        CliRun run = connect(null, "deregister", "lcc-123", "--force");

        assertThat(run.exitCode()).isEqualTo(2);
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
    void registeringTwiceNamesTheExistingRegistration() {
        String id = register("connect-twice", "env-twice");

        CliRun run = connect(null, "register", "connect-twice", "--kafka-cluster-id", KAFKA, "--environment",
                "env-twice");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).startsWith("Error: Connect cluster \"connect-twice\" of Kafka cluster \"" + KAFKA
                + "\" is already registered in environment \"env-twice\" as \"" + id + "\"\n");
        Golden.assertMatches("connect-register-twice.txt", run.err());
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
