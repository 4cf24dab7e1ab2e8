package io.connectusm.endpoint.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

import io.connectusm.endpoint.testing.EachDatabase;
import io.connectusm.endpoint.testing.TestDatabase;
import io.connectusm.endpoint.testing.TestPostgres;
import io.connectusm.endpoint.testing.Vendor;

/**
 * The schema on each database: a new one takes every version, each from the vendor's folder where they differ;
 * one left at version 5 by an older endpoint (the one before replicas: rows in the old columns only) comes up with
 * the connector summaries filled in (version 7) and its tombstones emptied (version 6); one left at version 12 keeps
 * every cluster's last report and stale notification when the two report tables become one (version 16).
 */
@EachDatabase
class SchemaTest {

    static final TestDatabase databases = new TestDatabase();

    @Test
    void aNewDatabaseTakesEveryVersion() throws Exception {
        DatabaseSettings settings = databases.fresh();
        databases.open(settings).close();

        assertThat(history(settings)).containsExactly("1 V1__registrations_connectors_keys.sql",
                "2 V2__worker_plugins.sql", "5 V5__key_scopes_console_sessions.sql",
                "6 V6__replicas_lists_retention.sql", "7 " + ConnectorSummariesMigration.class.getName(),
                "8 V8__webhook_outbox_cluster_reports.sql",
                "9 V9__connector_mask_reasons.sql",
                "10 V10__console_health_task_history.sql",
                "11 V11__connector_merge_state.sql",
                "12 V12__history_actor.sql",
                "13 V13__connector_topics.sql",
                "16 V16__one_cluster_reports_table.sql");
    }

    @Test
    void aDatabaseAtVersion5GetsItsConnectorsSummarisedAndItsTombstonesEmptied() throws Exception {
        DatabaseSettings settings = databases.fresh();
        Flyway.configure(getClass().getClassLoader()).dataSource(settings.url(), user(settings), password())
                .locations(Migrations.LOCATION + "/common", Migrations.LOCATION + "/"
                        + settings.dialect().migrationFolder())
                .table(Migrations.HISTORY_TABLE).target("5").load().migrate();
        try (Connection c = connect(settings); Statement s = c.createStatement()) {
            s.execute("INSERT INTO kafka_clusters VALUES ('usmkc-000000000001', 'env-1', 'k', 'k', 'AWS', "
                    + "'us-east-1', CURRENT_TIMESTAMP)");
            s.execute("INSERT INTO connect_clusters VALUES ('usmcc-000000000001', 'env-1', 'c', 'k', "
                    + "'usmkc-000000000001', 'c', 'AWS', 'us-east-1', CURRENT_TIMESTAMP)");
            s.execute(row("healthy", false, "RUNNING", "[{\"id\":0,\"state\":\"RUNNING\",\"worker_id\":\"w\","
                    + "\"trace\":null}]"));
            s.execute(row("broken-task", false, "RUNNING", "[{\"id\":0,\"state\":\"RUNNING\",\"worker_id\":\"w\","
                    + "\"trace\":null},{\"id\":1,\"state\":\"FAILED\",\"worker_id\":\"w\",\"trace\":\"boom\"}]"));
            s.execute(row("gone", true, "RUNNING", "[]"));
        }

        try (Database db = databases.open(settings)) {
            List<ConnectorSummary> lines = new ConnectorStore(db).page("usmcc-000000000001", ConnectorQuery.ALL,
                    "", 10).items();

            assertThat(lines).extracting(ConnectorSummary::name).containsExactly("broken-task", "healthy");
            assertThat(lines.get(0)).satisfies(l -> {
                assertThat(l.failing()).isTrue();
                assertThat(l.tasksFailed()).isEqualTo(1);
                assertThat(l.tasksRunning()).isEqualTo(1);
                assertThat(l.tasksTotal()).isEqualTo(2);
                assertThat(l.tracePresent()).isTrue();
            });
            assertThat(lines.get(1).failing()).isFalse();
        }
        try (Connection c = connect(settings); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT config_json, tasks_json FROM connectors WHERE name = 'gone'")) {
            rs.next();
            assertThat(rs.getString(1)).isNull();
            assertThat(rs.getString(2)).isNull();
        }
    }

    @Test
    void aDatabaseAtVersion12KeepsEveryClustersLastReportAndStaleNotificationInOneTable() throws Exception {
        DatabaseSettings settings = databases.fresh();
        migrateTo(settings, "12");
        Instant before10 = Instant.parse("2026-10-01T08:00:00Z");
        Instant notified = Instant.parse("2026-10-01T09:00:00Z");
        Instant heard = Instant.parse("2026-11-02T10:00:00Z");
        try (Connection c = connect(settings); Statement s = c.createStatement()) {
            s.execute("INSERT INTO kafka_clusters VALUES ('usmkc-000000000001', 'env-1', 'k', 'k', 'AWS', "
                    + "'us-east-1', CURRENT_TIMESTAMP)");
            for (String cc : List.of("usmcc-00000000000a", "usmcc-00000000000b", "usmcc-00000000000c",
                    "usmcc-00000000000d")) {
                s.execute("INSERT INTO connect_clusters VALUES ('" + cc + "', 'env-1', '" + cc + "', 'k', "
                        + "'usmkc-000000000001', 'c', 'AWS', 'us-east-1', CURRENT_TIMESTAMP)");
            }
            // a: last heard before V10, notified stale; b: heard through two agents since, its silence notified;
            // c: heard since V10 only (no V8 row); d: never heard from
            s.execute("INSERT INTO connect_cluster_reports VALUES ('usmcc-00000000000a', " + ts(before10) + ", "
                    + ts(notified) + ")");
            s.execute("INSERT INTO connect_cluster_reports VALUES ('usmcc-00000000000b', " + ts(heard) + ", "
                    + ts(heard.plusSeconds(600)) + ")");
            s.execute("INSERT INTO cluster_reports VALUES ('usmcc-00000000000b', 'agent-1', "
                    + ts(heard.minusSeconds(2)) + ", " + ts(heard.minusSeconds(60)) + ")");
            s.execute("INSERT INTO cluster_reports VALUES ('usmcc-00000000000b', 'agent-2', "
                    + ts(heard.minusSeconds(1)) + ", " + ts(heard) + ")");
            s.execute("INSERT INTO cluster_reports VALUES ('usmcc-00000000000c', 'agent-1', "
                    + ts(heard.minusSeconds(5)) + ", " + ts(heard) + ")");
        }

        try (Database db = databases.open(settings)) {
            Stores stores = Stores.over(db, new IdGenerator());
            assertThat(stores.reports().reports(null)).containsOnlyKeys("usmcc-00000000000a", "usmcc-00000000000b",
                    "usmcc-00000000000c").satisfies(r -> {
                        assertThat(r.get("usmcc-00000000000a")).containsExactly(new ClusterReport(
                                "usmcc-00000000000a", "(before V10)", before10, before10));
                        assertThat(r.get("usmcc-00000000000b")).extracting(ClusterReport::agentKey)
                                .containsExactly("agent-2", "agent-1");
                    });
            Map<String, Instant> lastReports = new TreeMap<>();
            new FleetAggregates(db).clusters().forEach(f -> lastReports.put(f.id(),
                    f.lastReport() == null ? Instant.EPOCH : f.lastReport()));
            assertThat(lastReports).containsExactly(Map.entry("usmcc-00000000000a", before10),
                    Map.entry("usmcc-00000000000b", heard), Map.entry("usmcc-00000000000c", heard),
                    Map.entry("usmcc-00000000000d", Instant.EPOCH));
            // a and b were notified for their silence: only c is queued as stale, once
            WebhookOutbox outbox = new WebhookOutbox(db, Map.of("hook", Set.of(TransitionKind.CLUSTER_STALE)),
                    Clock.fixed(heard.plus(Duration.ofDays(1)), ZoneOffset.UTC));
            assertThat(outbox.queueStaleClusters(Duration.ofHours(1))).extracting(Transition::connectCluster)
                    .containsExactly("usmcc-00000000000c");
            assertThat(outbox.queueStaleClusters(Duration.ofHours(1))).isEmpty();
            // b reports again and falls silent: a new silence
            stores.reports().heard(Map.of("usmcc-00000000000b", heard.plusSeconds(3600)), "agent-1",
                    heard.plusSeconds(3600));
            assertThat(outbox.queueStaleClusters(Duration.ofHours(1))).extracting(Transition::connectCluster)
                    .containsExactly("usmcc-00000000000b");
        }
        try (Connection c = connect(settings); ResultSet rs = c.getMetaData().getTables(null, null, "%", null)) {
            List<String> tables = new ArrayList<>();
            while (rs.next()) {
                tables.add(rs.getString("TABLE_NAME").toLowerCase(java.util.Locale.ROOT));
            }
            assertThat(tables).contains("cluster_reports").doesNotContain("connect_cluster_reports");
        }
    }

    private static void migrateTo(DatabaseSettings settings, String version) throws SQLException {
        Flyway.configure(SchemaTest.class.getClassLoader()).dataSource(settings.url(), user(settings), password())
                .locations(Migrations.LOCATION + "/common", Migrations.LOCATION + "/"
                        + settings.dialect().migrationFolder())
                .javaMigrations(new ConnectorSummariesMigration())
                .table(Migrations.HISTORY_TABLE).target(version).load().migrate();
    }

    private static String ts(Instant t) {
        return "TIMESTAMP WITH TIME ZONE '" + t.toString().replace('T', ' ').replace("Z", "+00:00") + "'";
    }

    /** A connectors row as versions 2 to 5 had them. */
    private static String row(String name, boolean deleted, String state, String tasks) {
        return "INSERT INTO connectors (connect_cluster_id, name, deleted, connector_class, connector_type, state, "
                + "worker_id, tasks_json, config_json, masked_keys_json, config_fingerprint, event_time, event_epoch, "
                + "event_sequence, last_change) VALUES ('usmcc-000000000001', '" + name + "', " + deleted + ", "
                + "'org.example.X', 'SOURCE', '" + state + "', 'w', '" + tasks + "', '{\"topic\":\"t\"}', '[]', "
                + "'fp', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, 0, CURRENT_TIMESTAMP)";
    }

    private static List<String> history(DatabaseSettings settings) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = connect(settings); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT \"version\", \"script\" FROM \"flyway_schema_history\" WHERE \"success\" = TRUE "
                        + "AND \"version\" IS NOT NULL "
                        + "ORDER BY \"installed_rank\"")) {
            while (rs.next()) {
                out.add(rs.getString(1) + " " + rs.getString(2));
            }
        }
        return out;
    }

    private static Connection connect(DatabaseSettings settings) throws SQLException {
        return DriverManager.getConnection(settings.url(), user(settings), password());
    }

    private static String user(DatabaseSettings settings) {
        return settings.user();
    }

    private static String password() {
        return databases.vendor() == Vendor.POSTGRESQL ? TestPostgres.password() : "";
    }
}
