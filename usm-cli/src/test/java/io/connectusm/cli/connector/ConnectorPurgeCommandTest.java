package io.connectusm.cli.connector;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

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
import io.connectusm.events.ClusterRef;
import io.connectusm.events.ConnectorDeleted;
import io.connectusm.events.ConnectorState;
import io.connectusm.events.MetadataEvent;

/**
 * {@code usm connect-cluster connector purge} against a real endpoint that received real event batches: asks
 * {@code (y/n)} (a no changes nothing), {@code --force} skips the question, the history is gone at the endpoint
 * while the connector's state stays, a deleted connector's history can be purged, and an unknown connector is
 * Confluent's not-found error before anything is asked.
 */
class ConnectorPurgeCommandTest {

    static final Instant T0 = Instant.parse("2026-11-20T10:00:00Z");

    @RegisterExtension
    static final TestUsmEndpointExtension usm = new TestUsmEndpointExtension();
    static String usmcc;
    static UsmApiClient api;

    @BeforeAll
    static void connectorsWithHistory() {
        api = usm.endpoint().client();
        api.registerKafkaCluster(new KafkaClusterRegistration("kafka-purge", "k", "aws", "us-east-1", "env-purge"));
        usmcc = api.registerConnectCluster(new ConnectClusterRegistration("connect-purge", "kafka-purge", null, null,
                null, "env-purge")).id();
        Map<String, String> v1 = Map.of("connector.class", "FileStreamSource", "file", "/tmp/a.txt");
        Map<String, String> v2 = Map.of("connector.class", "FileStreamSource", "file", "/tmp/b.txt");
        api.postEvents(TestBatches.batch(List.of(
                TestBatches.snapshot("kafka-purge", "connect-purge", "orders-source", T0, 0, ConnectorState.RUNNING, 1,
                        v1, Set.of(), ChangeCause.CREATED),
                TestBatches.snapshot("kafka-purge", "connect-purge", "orders-source", T0.plusSeconds(1), 1,
                        ConnectorState.RUNNING, 1, v2, Set.of(), ChangeCause.CONFIG_UPDATED),
                TestBatches.snapshot("kafka-purge", "connect-purge", "old-sink", T0, 2, ConnectorState.RUNNING, 1,
                        v1, Set.of(), ChangeCause.CREATED),
                TestBatches.snapshot("kafka-purge", "connect-purge", "audit-source", T0, 4, ConnectorState.RUNNING, 1,
                        v1, Set.of(), ChangeCause.CREATED),
                new MetadataEvent(UUID.randomUUID().toString(), new ClusterRef("kafka-purge", "connect-purge"),
                        TestBatches.WORKER, TestBatches.EPOCH, 3, T0.plusSeconds(2), new ConnectorDeleted("old-sink")))));
    }

    private static CliRun purge(String stdin, String... more) {
        String[] command = new String[3 + more.length];
        command[0] = "connector";
        command[1] = "purge";
        System.arraycopy(more, 0, command, 2, more.length);
        command[command.length - 1] = "--connect-cluster=" + usmcc;
        return CliRun.run(new ConnectCommand(), stdin, usm.args(command));
    }

    @Test
    void asksFirstAndANoPurgesNothing() {
        CliRun no = purge("n\n", "audit-source");

        assertThat(no.exitCode()).as(no.err()).isZero();
        Golden.assertMatches("connector-purge-declined.txt", no.out());
        assertThat(api.connectorHistory(usmcc, "audit-source", null)).hasSize(1);
    }

    @Test
    void aYesPurgesTheHistoryAndTheConnectorStays() {
        CliRun yes = purge("y\n", "orders-source");

        assertThat(yes.exitCode()).as(yes.err()).isZero();
        Golden.assertMatches("connector-purge.txt", yes.out());
        assertThat(api.connectorHistory(usmcc, "orders-source", null)).isEmpty();
        assertThat(api.connector(usmcc, "orders-source", null).config()).containsEntry("file", "/tmp/b.txt");
    }

    @Test
    void forcePurgesADeletedConnectorsHistoryWithoutAsking() {
        assertThat(api.connectorHistory(usmcc, "old-sink", null)).hasSize(2);

        CliRun forced = purge(null, "old-sink", "--force");

        assertThat(forced.exitCode()).as(forced.err()).isZero();
        assertThat(forced.out()).isEqualTo("Purged the history of connector \"old-sink\".\n");
        assertThat(api.connectorHistory(usmcc, "old-sink", null)).isEmpty();
    }

    @Test
    void anUnknownConnectorIsNotFoundBeforeAnythingIsAsked() {
        CliRun unknown = purge("y\n", "nope");

        assertThat(unknown.exitCode()).isEqualTo(1);
        assertThat(unknown.out()).isEmpty();
        Golden.assertMatches("connector-not-found.txt", unknown.err());
    }
}
