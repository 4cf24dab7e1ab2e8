package io.connectusm.endpoint.store;

import static io.connectusm.endpoint.TestEvents.deleted;
import static io.connectusm.endpoint.TestEvents.snapshot;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.connectusm.endpoint.TestEndpoint;
import io.connectusm.endpoint.auth.ApiKeyCredentials;
import io.connectusm.endpoint.auth.ApiKeys;
import io.connectusm.endpoint.auth.ApiRole;
import io.connectusm.endpoint.auth.Authenticator;
import io.connectusm.endpoint.testing.EachDatabase;
import io.connectusm.endpoint.testing.TestDatabase;
import io.connectusm.endpoint.testing.TestDirs;
import io.connectusm.events.ClusterRef;
import io.connectusm.events.ConnectorState;

/**
 * Moving an endpoint's H2 file into another database (PostgreSQL, or H2 again): every row arrives as stored,
 * the copy then takes new events and keys as any database would, and a target that holds data is refused.
 */
@EachDatabase
class DatabaseCopyTest {

    static final TestDatabase databases = new TestDatabase();
    static final ClusterRef REF = new ClusterRef("kafka-copy", "connect-copy");
    static final Instant T0 = Instant.parse("2026-11-20T10:00:00.123456789Z");

    @Test
    void everyRowArrivesAndTheCopyCarriesOn() throws Exception {
        Path sourceDir = TestDirs.create("test-databases", "copy-source");
        Database source = Database.open(sourceDir);
        Stores before = Stores.over(source, new IdGenerator());
        KafkaCluster kafka = before.registrations().createKafkaCluster("env-copy", "kafka-copy", "kafka", Cloud.GCP,
                "europe-west1");
        ConnectCluster connect = before.registrations().createConnectCluster("env-copy", "connect-copy", "kafka-copy",
                "connect", null, null);
        String cc = connect.id();
        before.connectors().apply(Map.of(cc, List.of(
                snapshot(REF, "orders", T0, 0, ConnectorState.RUNNING, 2, Map.of("topic", "a"), Set.of("db.password")),
                snapshot(REF, "orders", T0.plusSeconds(1), 1, ConnectorState.FAILED, 2, Map.of("topic", "b"),
                        Set.of("db.password")),
                snapshot(REF, "gone", T0, 2, ConnectorState.RUNNING, 1, Map.of("topic", "x"), Set.of()),
                deleted(REF, "gone", T0.plusSeconds(2), 3))));
        before.sightings().report(List.of(new Sighting("env-copy", "kafka-copy", "unregistered", 4, T0, T0, "a1")));
        ApiKeyCredentials admin = ApiKeys.over(source, 1_000).create(ApiRole.ADMIN, "copied admin");
        byte[] sessionKey = before.sharedKeys().sessionSigningKey();
        List<HistoryEntry> orders = before.connectors().history(cc, "orders");

        Database target = databases.open(databases.fresh());
        List<DatabaseCopy.TableCount> counts = DatabaseCopy.copy(source, target);
        source.close();
        TestDirs.deleteTree(sourceDir);

        List<String> order = counts.stream().map(DatabaseCopy.TableCount::table).toList();
        assertThat(order).contains("api_keys", "endpoint_secrets", "sightings", "worker_plugins")
                .doesNotContain("flyway_schema_history", "endpoint_locks");
        // parents first: a registration before what refers to it
        assertThat(order.indexOf("kafka_clusters")).isLessThan(order.indexOf("connect_clusters"));
        assertThat(order.indexOf("connect_clusters")).isLessThan(order.indexOf("connectors"))
                .isLessThan(order.indexOf("connector_history")).isLessThan(order.indexOf("worker_plugins"));
        assertThat(counts).filteredOn(t -> t.table().equals("connector_history")).singleElement()
                .satisfies(t -> assertThat(t.rows()).isEqualTo(4));
        Stores after = Stores.over(target, new IdGenerator());
        assertThat(after.registrations().kafkaCluster(kafka.id())).contains(kafka);
        assertThat(after.registrations().connectCluster(cc)).contains(connect);
        assertThat(after.connectors().get(cc, "orders")).get().satisfies(c -> {
            assertThat(c.state()).isEqualTo("FAILED");
            assertThat(c.config()).containsEntry("topic", "b").containsEntry("db.password", "********");
        });
        assertThat(after.connectors().page(cc, ConnectorQuery.ALL, "", 10).items()).singleElement()
                .satisfies(s -> assertThat(s.failing()).isTrue());
        assertThat(after.connectors().get(cc, "gone")).isEmpty();
        assertThat(after.connectors().history(cc, "orders")).isEqualTo(orders);
        assertThat(after.sightings().unregistered("env-copy")).singleElement()
                .satisfies(s -> assertThat(s.connectorCount()).isEqualTo(4));
        assertThat(after.sharedKeys().sessionSigningKey()).isEqualTo(sessionKey);
        assertThat(new Authenticator(ApiKeys.over(target, 1_000)).authenticate(TestEndpoint.basic(admin.key(),
                admin.secret())).role()).isEqualTo(ApiRole.ADMIN);

        // the copy carries on: new history rows number after the copied ones, the tombstone still holds
        after.connectors().apply(Map.of(cc, List.of(
                snapshot(REF, "orders", T0.plusSeconds(5), 5, ConnectorState.RUNNING, 2, Map.of("topic", "c"),
                        Set.of()),
                snapshot(REF, "gone", T0.plusSeconds(1), 6, ConnectorState.RUNNING, 1, Map.of(), Set.of()))));
        List<HistoryEntry> carriedOn = after.connectors().history(cc, "orders");
        assertThat(carriedOn).hasSize(orders.size() + 1);
        assertThat(carriedOn.get(0).sequence()).isGreaterThan(orders.get(0).sequence());
        assertThat(after.connectors().get(cc, "gone")).isEmpty();
        assertThat(ApiKeys.over(target, 1_000).create(ApiRole.AGENT, "new")).isNotNull();
    }

    @Test
    void aTargetThatHoldsDataIsRefusedAndLeftAsItWas() throws Exception {
        Database source = databases.open(databases.fresh());
        Stores.over(source, new IdGenerator()).registrations().createKafkaCluster("env-1", "k1", "k", Cloud.AWS,
                "us-east-1");
        Database target = databases.open(databases.fresh());
        Stores.over(target, new IdGenerator()).registrations().createKafkaCluster("env-1", "k2", "k", Cloud.AWS,
                "us-east-1");

        assertThatThrownBy(() -> DatabaseCopy.copy(source, target))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("not empty").hasMessageContaining("kafka_clusters");
        assertThat(Stores.over(target, new IdGenerator()).registrations().listKafkaClusters("env-1", "", 10)
                .items()).extracting(KafkaCluster::cpKafkaClusterId).containsExactly("k2");
    }
}
