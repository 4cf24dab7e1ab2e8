package io.connectusm.cli.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.connectusm.cli.connect.ConnectCommand;
import io.connectusm.cli.login.TestUsmEndpointExtension;
import io.connectusm.cli.output.CliRun;
import io.connectusm.cli.output.Golden;

/** {@code usm kafka …} against a real endpoint on loopback HTTPS, compared with golden files. */
class KafkaCommandGoldenTest {

    @RegisterExtension
    static final TestUsmEndpointExtension usm = new TestUsmEndpointExtension();

    private static CliRun kafka(String stdin, String... command) {
        return CliRun.run(new KafkaCommand(), stdin, usm.args(command));
    }

    private static String idOf(CliRun run) {
        return run.out().replaceAll("(?s).*\\| ID +\\| (usmkc-[a-z0-9]+) .*", "$1");
    }

    @Test
    void registerDescribeListAndDeregister() {
        CliRun registered = kafka(null, "register", "--confluent-platform-kafka-cluster", "4k0R9d1GTS5tI9f4Y2xZ0Q",
                "--name", "prod kafka", "--cloud", "aws", "--region", "us-east-1", "--environment", "env-kafka1");
        assertThat(registered.exitCode()).as(registered.err()).isZero();
        String id = idOf(registered);

        CliRun described = kafka(null, "describe", id);
        CliRun listed = kafka(null, "list", "--environment", "env-kafka1");
        CliRun json = kafka(null, "list", "--environment", "env-kafka1", "-o", "json");
        CliRun deregistered = kafka("y\n", "deregister", id);

        Golden.assertMatches("kafka-register.txt", registered.out());
        assertThat(described.out()).isEqualTo(registered.out());
        Golden.assertMatches("kafka-list.txt", listed.out());
        Golden.assertMatches("kafka-list-json.txt", json.out());
        assertThat(deregistered.exitCode()).isZero();
        Golden.assertMatches("kafka-deregister.txt", deregistered.out());
    }

    @Test
    void aKafkaClusterWithConnectClustersCannotBeDeregistered() {
        String id = idOf(kafka(null, "create", "--confluent-platform-kafka-cluster", "kafka-busy", "--cloud", "gcp",
                "--region", "europe-west1", "--environment", "env-kafka2"));
        CliRun connect = CliRun.run(new ConnectCommand(), null, usm.args("register", "connect-busy",
                "--confluent-platform-kafka-cluster", "kafka-busy", "--environment", "env-kafka2"));
        assertThat(connect.exitCode()).as(connect.err()).isZero();
        assertThat(connect.out()).contains("GCP").contains("europe-west1"); // cloud and region fall back

        CliRun run = kafka(null, "delete", id, "--force");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).isEqualTo("Error: Kafka cluster \"" + id
                + "\" still has 1 registered Connect cluster(s); deregister them first\n");
    }

    @Test
    void badIdsAndMissingFlagsFail() {
        CliRun badId = kafka(null, "describe", "usmcc-abc");
        CliRun missingCloud = kafka(null, "register", "--confluent-platform-kafka-cluster", "k", "--region", "r");
        CliRun badCloud = kafka(null, "register", "--confluent-platform-kafka-cluster", "k", "--cloud", "mars",
                "--region", "r1");

        assertThat(badId.exitCode()).isEqualTo(1);
        assertThat(badId.err()).isEqualTo("Error: failed parsing resource ID usmcc-abc: missing prefix \"usmkc-\"\n");
        assertThat(missingCloud.exitCode()).isNotZero();
        assertThat(missingCloud.err()).contains("--cloud");
        assertThat(badCloud.exitCode()).isEqualTo(1);
        assertThat(badCloud.err()).isEqualTo("Error: cloud must be one of AWS, AZURE, GCP\n");
    }
}
