package io.connectusm.endpoint.store;

import static io.connectusm.endpoint.TestEvents.snapshot;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.connectusm.endpoint.TestEndpoint;
import io.connectusm.endpoint.auth.ApiKeys;
import io.connectusm.endpoint.auth.ApiRole;
import io.connectusm.endpoint.auth.Authenticator;
import io.connectusm.events.ClusterRef;
import io.connectusm.events.ConnectorState;

/**
 * The schema under Flyway: a fresh database records every script; a database made before Flyway, by the
 * hand-written runner and its {@code schema_version} table, opens with all its rows and takes only the scripts
 * after its recorded version.
 *
 * <p>{@code legacy-v2/usm-endpoint.mv.db} was written by main's code at commit 35a5c6a (the last one with the
 * old runner): an admin key (secret below, 1,000 PBKDF2 iterations), Kafka cluster {@code usmkc-1l6wfd3yd209}
 * and Connect cluster {@code usmcc-8z4q82q2p40g} in {@code env-legacy}, connector {@code orders} created with
 * topic a then updated to topic b, connector {@code gone} created then deleted, one worker's plugin list, and a
 * sighting of an unregistered cluster.
 */
class MigrationsTest {

    static final String LEGACY_KEY = "B88CKPY7J10F3A3K";
    /** A throwaway key of a test fixture, never used anywhere else. */
    static final String LEGACY_SECRET = "xy9KRP+WV/svR7VGgKiMAUOioXXGBAZoEPOWt0Il/jya2JsuwXE+iHzUup3cvQBX";
    static final String KAFKA = "usmkc-1l6wfd3yd209";
    static final String CONNECT = "usmcc-8z4q82q2p40g";

    @TempDir
    Path dir;

    @Test
    void aFreshDatabaseRecordsEveryScriptInFlywaysHistory() throws Exception {
        Database.open(dir).close();

        assertThat(history()).containsExactly(withScriptsAfterV2("1 SQL V1__registrations_connectors_keys.sql true",
                "2 SQL V2__worker_plugins.sql true"));
        assertThat(tables()).doesNotContain("SCHEMA_VERSION");
    }

    @Test
    void aDatabaseMadeByTheOldRunnerOpensWithEveryRowAndAcceptsNewOnes() throws Exception {
        try (InputStream in = MigrationsTest.class.getResourceAsStream("legacy-v2/usm-endpoint.mv.db")) {
            Files.copy(in, dir.resolve("usm-endpoint.mv.db"));
        }

        try (Database db = Database.open(dir)) {
            Stores stores = Stores.over(db, new IdGenerator());
            assertThat(stores.registrations().kafkaCluster(KAFKA)).get()
                    .satisfies(k -> assertThat(k.displayName()).isEqualTo("legacy kafka"));
            ConnectCluster connect = stores.registrations().connectCluster(CONNECT).orElseThrow();
            assertThat(connect.cpConnectClusterId()).isEqualTo("connect-legacy");
            assertThat(stores.connectors().list(CONNECT)).singleElement().satisfies(c -> {
                assertThat(c.name()).isEqualTo("orders");
                assertThat(c.config()).containsEntry("topic", "b").containsEntry("db.password", "********");
                assertThat(c.tasks()).hasSize(2);
            });
            assertThat(stores.connectors().history(CONNECT, "orders")).extracting(HistoryEntry::kind)
                    .containsExactly(HistoryKind.CONFIG_UPDATED, HistoryKind.CREATED);
            assertThat(stores.connectors().history(CONNECT, "gone")).extracting(HistoryEntry::kind)
                    .containsExactly(HistoryKind.DELETED, HistoryKind.CREATED);
            // V7 summarised the old rows; V6 emptied the tombstone of what the connector was
            assertThat(stores.connectors().page(CONNECT, ConnectorQuery.ALL, "", 10).items()).singleElement()
                    .satisfies(s -> {
                        assertThat(s.tasksTotal()).isEqualTo(2);
                        assertThat(s.failing()).isFalse();
                    });
            assertThat(tombstoneConfig("gone")).isNull();
            assertThat(stores.plugins().list(CONNECT)).singleElement()
                    .satisfies(w -> assertThat(w.plugins()).hasSize(1));
            assertThat(stores.sightings().unregistered("env-legacy")).singleElement()
                    .satisfies(s -> assertThat(s.connectorCount()).isEqualTo(3));
            assertThat(new Authenticator(ApiKeys.over(db, 1_000)).authenticate(TestEndpoint.basic(LEGACY_KEY,
                    LEGACY_SECRET)).role()).isEqualTo(ApiRole.ADMIN);

            // the old rows take newer events as before: the tombstone holds, the live connector changes
            ClusterRef ref = new ClusterRef("kafka-legacy", "connect-legacy");
            Instant later = Instant.parse("2026-11-21T10:00:00Z");
            stores.connectors().apply(Map.of(CONNECT, List.of(
                    snapshot(ref, "orders", later, 10, ConnectorState.PAUSED, 2, Map.of("topic", "c"), Set.of()),
                    snapshot(ref, "gone", Instant.parse("2026-11-20T10:00:01Z"), 11, ConnectorState.RUNNING, 1,
                            Map.of("topic", "late"), Set.of()))));
            assertThat(stores.connectors().get(CONNECT, "orders")).get()
                    .satisfies(c -> assertThat(c.state()).isEqualTo("PAUSED"));
            assertThat(stores.connectors().get(CONNECT, "gone")).isEmpty();
        }
        assertThat(history()).containsExactly(withScriptsAfterV2(
                "2 BASELINE schema_version 2 of the pre-Flyway runner true"));
        assertThat(tables()).contains("SCHEMA_VERSION");
        // and it opens again, now as a Flyway database, with nothing left to apply
        List<String> migrated = history();
        Database.open(dir).close();
        assertThat(history()).isEqualTo(migrated);
    }

    @Test
    void aDatabaseTheOldRunnerLeftAtVersion1GetsTheLaterScripts() throws Exception {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            // exactly what the old runner did: its table, then each script split on ';' once comment lines are gone
            s.execute("CREATE TABLE IF NOT EXISTS schema_version (version INT PRIMARY KEY, "
                    + "script VARCHAR(255) NOT NULL, applied_at TIMESTAMP WITH TIME ZONE NOT NULL)");
            for (String statement : withoutCommentLines(script("V1__registrations_connectors_keys.sql")).split(";")) {
                if (!statement.isBlank()) {
                    s.execute(statement.strip());
                }
            }
            s.execute("INSERT INTO schema_version VALUES (1, 'V1__registrations_connectors_keys.sql', "
                    + "CURRENT_TIMESTAMP)");
            s.execute("INSERT INTO kafka_clusters VALUES ('usmkc-000000000001', 'env-1', 'k', 'k', 'AWS', "
                    + "'us-east-1', CURRENT_TIMESTAMP)");
        }

        try (Database db = Database.open(dir)) {
            assertThat(new RegistrationStore(db, new IdGenerator()).kafkaCluster("usmkc-000000000001")).isPresent();
            assertThat(new WorkerPluginStore(db).list("usmcc-none")).isEmpty(); // V2's table exists
        }
        assertThat(history()).containsExactly(withScriptsAfterV2(
                "1 BASELINE schema_version 1 of the pre-Flyway runner true", "2 SQL V2__worker_plugins.sql true"));
    }

    /** {@code first}, then the history rows of every script after V2 (which every database here takes). */
    private static String[] withScriptsAfterV2(String... first) {
        List<String> rows = new ArrayList<>(List.of(first));
        rows.addAll(List.of("5 SQL V5__key_scopes_console_sessions.sql true",
                "6 SQL V6__replicas_lists_retention.sql true",
                "7 JDBC " + ConnectorSummariesMigration.class.getName() + " true",
                "8 SQL V8__webhook_outbox_cluster_reports.sql true",
                "9 SQL V9__connector_mask_reasons.sql true",
                "10 SQL V10__console_health_task_history.sql true",
                "11 SQL V11__connector_merge_state.sql true",
                "12 SQL V12__history_actor.sql true",
                "13 SQL V13__connector_topics.sql true",
                "16 SQL V16__one_cluster_reports_table.sql true"));
        return rows.toArray(String[]::new);
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection("jdbc:h2:file:" + dir.toAbsolutePath().resolve("usm-endpoint"), "usm", "");
    }

    /** Flyway's history as "version type script success", in order, without its row for creating itself. */
    private List<String> history() throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT \"version\", \"type\", \"script\", \"success\" FROM \"flyway_schema_history\" "
                        + "WHERE \"type\" <> 'TABLE' "
                        + "ORDER BY \"installed_rank\"")) {
            while (rs.next()) {
                out.add(rs.getString(1) + " " + rs.getString(2) + " " + rs.getString(3) + " " + rs.getBoolean(4));
            }
        }
        return out;
    }

    /** The config column of a connector's row, read past the store. */
    private String tombstoneConfig(String name) throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT config_json FROM connectors WHERE name = '" + name + "'")) {
            rs.next();
            return rs.getString(1);
        }
    }

    private List<String> tables() throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = connect(); ResultSet rs = c.getMetaData().getTables(null, "PUBLIC", null, null)) {
            while (rs.next()) {
                out.add(rs.getString("TABLE_NAME"));
            }
        }
        return out;
    }

    private static String script(String name) throws IOException {
        try (InputStream in = Migrations.class.getResourceAsStream("migration/h2/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static String withoutCommentLines(String sql) {
        StringBuilder out = new StringBuilder();
        for (String line : sql.split("\n")) {
            if (!line.strip().startsWith("--")) {
                out.append(line).append('\n');
            }
        }
        return out.toString();
    }
}
