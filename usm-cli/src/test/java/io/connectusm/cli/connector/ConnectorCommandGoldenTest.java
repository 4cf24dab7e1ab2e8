package io.connectusm.cli.connector;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.connectusm.api.ConnectClusterRegistration;
import io.connectusm.api.KafkaClusterRegistration;
import io.connectusm.api.TestBatches;
import io.connectusm.api.UsmApiClient;
import io.connectusm.cli.connect.ConnectCommand;
import io.connectusm.cli.login.TestUsmEndpointExtension;
import io.connectusm.cli.output.CliRun;
import io.connectusm.cli.output.Golden;
import io.connectusm.events.ChangeCause;
import io.connectusm.events.ConnectorSnapshot;
import io.connectusm.events.ConnectorState;
import io.connectusm.events.MetadataEvent;

/**
 * {@code usm connect-cluster connector list|describe|history} against a real endpoint that received real event
 * batches (as an agent forwards them): Confluent's connector tables, masked values with their reason, the history
 * with config diffs, and not-found errors. No output may hold a secret that the events carried masked.
 */
class ConnectorCommandGoldenTest {

    static final String CANARY = "s3cr3t-canary-do-not-print";
    static final Instant T0 = Instant.parse("2026-11-20T10:00:00Z");

    @RegisterExtension
    static final TestUsmEndpointExtension usm = new TestUsmEndpointExtension();
    static String usmcc;

    @BeforeAll
    static void connectorsAtTheEndpoint() {
        UsmApiClient api = usm.endpoint().client();
        api.registerKafkaCluster(new KafkaClusterRegistration("kafka-conn", "k", "aws", "us-east-1", "env-conn"));
        usmcc = api.registerConnectCluster(new ConnectClusterRegistration("connect-conn", "kafka-conn", null, null,
                null, "env-conn")).id();
        Map<String, String> orders = new LinkedHashMap<>(Map.of("connector.class",
                "org.apache.kafka.connect.file.FileStreamSourceConnector", "tasks.max", "2", "file", "/tmp/orders.txt",
                "topic", "orders", "db.password", CANARY));
        Map<String, String> ordersV2 = new LinkedHashMap<>(orders);
        ordersV2.put("file", "/tmp/orders-v2.txt");
        Map<String, String> payments = Map.of("connector.class",
                "org.apache.kafka.connect.mirror.MirrorSourceConnector", "sasl.jaas.config",
                "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"u\" password=\"" + CANARY
                        + "\";", "ssl.truststore.password", CANARY, "topics", "payments");
        api.postEvents(TestBatches.batch(List.of(
                TestBatches.snapshot("kafka-conn", "connect-conn", "orders-source", T0, 0, ConnectorState.RUNNING, 2,
                        orders, Set.of("db.password"), ChangeCause.CREATED),
                TestBatches.snapshot("kafka-conn", "connect-conn", "payments-mirror", T0.plusSeconds(1), 1,
                        ConnectorState.FAILED, 1, payments, Set.of("sasl.jaas.config", "ssl.truststore.password"),
                        ChangeCause.CREATED),
                TestBatches.snapshot("kafka-conn", "connect-conn", "audit-source", T0.plusSeconds(2), 2,
                        ConnectorState.PAUSED, 1, Map.of("connector.class", "FileStreamSource"), Set.of(),
                        ChangeCause.CREATED),
                TestBatches.snapshot("kafka-conn", "connect-conn", "orders-source", T0.plusSeconds(5), 3,
                        ConnectorState.RUNNING, 2, ordersV2, Set.of("db.password"), ChangeCause.CONFIG_UPDATED))));
    }

    /** The event with its snapshot's active topics (a worker that tracks topics). */
    private static MetadataEvent withTopics(MetadataEvent e, List<String> topics) {
        return new MetadataEvent(e.id(), e.cluster(), e.workerId(), e.epoch(), e.sequence(), e.time(), e.subject(),
                ((ConnectorSnapshot) e.payload()).toBuilder().topics(topics).build());
    }

    private static CliRun connector(String... command) {
        CliRun run = CliRun.run(new ConnectCommand(), null, usm.args(command));
        assertThat(run.out() + run.err()).doesNotContain(CANARY);
        return run;
    }

    @Test
    void listIsSortedByNameInEveryFormat() {
        CliRun human = connector("connector", "list", "--connect-cluster", usmcc);
        CliRun json = connector("connector", "list", "--connect-cluster", usmcc, "-o", "json");
        CliRun yaml = connector("connector", "list", "--connect-cluster", usmcc, "-o", "yaml");

        assertThat(human.exitCode()).as(human.err()).isZero();
        Golden.assertMatches("connector-list.txt", human.out());
        Golden.assertMatches("connector-list-json.txt", json.out());
        Golden.assertMatches("connector-list-yaml.txt", yaml.out());
    }

    @Test
    void stateFiltersTheList() {
        CliRun failed = connector("connector", "list", "--connect-cluster", usmcc, "--state", "FAILED");
        CliRun two = connector("connector", "list", "--connect-cluster", usmcc, "--state", "failed,paused", "-o",
                "json");
        CliRun none = connector("connector", "list", "--connect-cluster", usmcc, "--state", "RESTARTING");
        CliRun bogus = connector("connector", "list", "--connect-cluster", usmcc, "--state", "BROKEN");

        assertThat(failed.out().lines().skip(2).toList()).singleElement().asString().startsWith("  payments-mirror ");
        assertThat(two.out()).contains("audit-source").contains("payments-mirror").doesNotContain("orders-source");
        assertThat(none.out()).isEqualTo("None found.\n");
        assertThat(bogus.exitCode()).isEqualTo(2);
        assertThat(bogus.err()).isEqualTo("Error: --state BROKEN is not a connector state: use \"UNASSIGNED\", "
                + "\"RUNNING\", \"PAUSED\", \"STOPPED\", \"FAILED\", or \"RESTARTING\"\n");
    }

    @Test
    void describeShowsTasksMaskedConfigWithTheReasonAndTheLastChange() {
        CliRun human = connector("connector", "describe", "orders-source", "--connect-cluster", usmcc);
        CliRun json = connector("connector", "describe", "orders-source", "--connect-cluster", usmcc, "-o", "json");
        CliRun yaml = connector("connector", "describe", "orders-source", "--connect-cluster", usmcc, "-o", "yaml");
        CliRun failed = connector("connector", "describe", "payments-mirror", "--connect-cluster", usmcc);

        assertThat(human.exitCode()).as(human.err()).isZero();
        Golden.assertMatches("connector-describe.txt", human.out());
        Golden.assertMatches("connector-describe-json.txt", json.out());
        Golden.assertMatches("connector-describe-yaml.txt", yaml.out());
        Golden.assertMatches("connector-describe-failed.txt", failed.out());
    }

    @Test
    void describeShowsTheActiveTopicsWhenTheEndpointKnowsThem() {
        // In a cluster of its own, so the other commands' golden lists stay as they are.
        UsmApiClient api = usm.endpoint().client();
        String lineage = api.registerConnectCluster(new ConnectClusterRegistration("connect-topics", "kafka-conn", null,
                null, null, "env-conn")).id();
        api.postEvents(TestBatches.batch(List.of(withTopics(TestBatches.snapshot("kafka-conn", "connect-topics",
                "lineage-sink", T0.plusSeconds(6), 4, ConnectorState.RUNNING, 1, Map.of("connector.class",
                        "FileStreamSink", "topics.regex", "orders.*"), Set.of(), ChangeCause.CREATED),
                List.of("orders.v2", "orders", "orders_eu-1")))));
        CliRun human = connector("connector", "describe", "lineage-sink", "--connect-cluster", lineage);
        CliRun json = connector("connector", "describe", "lineage-sink", "--connect-cluster", lineage, "-o", "json");

        assertThat(human.exitCode()).as(human.err()).isZero();
        Golden.assertMatches("connector-describe-topics.txt", human.out());
        Golden.assertMatches("connector-describe-topics-json.txt", json.out());
    }

    @Test
    void historyIsNewestFirstWithTheConfigDiff() {
        CliRun human = connector("connector", "history", "orders-source", "--connect-cluster", usmcc);
        CliRun json = connector("connector", "history", "orders-source", "--connect-cluster", usmcc, "-o", "json");

        assertThat(human.exitCode()).as(human.err()).isZero();
        Golden.assertMatches("connector-history.txt", human.out());
        Golden.assertMatches("connector-history-json.txt", json.out());
    }

    @Test
    void unknownConnectorsAndClustersAreConfluentsNotFoundErrors() {
        CliRun connector = connector("connector", "describe", "nope", "--connect-cluster", usmcc);
        CliRun history = connector("connector", "history", "nope", "--connect-cluster", usmcc);
        CliRun cluster = connector("connector", "list", "--connect-cluster", "usmcc-nothere00001");
        CliRun clusterOfDescribe = connector("connector", "describe", "x", "--connect-cluster", "usmcc-nothere00001");
        CliRun badId = connector("connector", "list", "--connect-cluster", "lcc-1");
        CliRun otherEnvironment = connector("connector", "list", "--connect-cluster", usmcc, "--environment",
                "env-other");

        assertThat(connector.exitCode()).isEqualTo(1);
        Golden.assertMatches("connector-not-found.txt", connector.err());
        assertThat(history.err()).isEqualTo(connector.err());
        Golden.assertMatches("connector-cluster-not-found.txt", cluster.err());
        assertThat(clusterOfDescribe.err()).isEqualTo(cluster.err());
        assertThat(badId.exitCode()).isEqualTo(2);
        assertThat(badId.err()).isEqualTo("Error: failed parsing resource ID lcc-1: missing prefix \"usmcc-\"\n");
        assertThat(otherEnvironment.exitCode()).isEqualTo(1);
        assertThat(otherEnvironment.err()).startsWith("Error: USM Connect cluster \"" + usmcc + "\" not found");
    }
}
