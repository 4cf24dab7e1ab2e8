package io.connectusm.endpoint.store;

import static io.connectusm.endpoint.TestEvents.snapshot;
import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.connectusm.testkit.LogCapture;
import io.connectusm.endpoint.testing.EachDatabase;
import io.connectusm.endpoint.testing.TestDatabase;
import io.connectusm.endpoint.testing.TestPostgres;
import io.connectusm.endpoint.testing.Vendor;
import io.connectusm.events.ClusterRef;
import io.connectusm.events.ConnectorState;
import io.connectusm.events.MetadataEvent;

/**
 * History retention on H2 and PostgreSQL: entries past the age limit go, each connector keeps its newest
 * {@code max} entries, counts are logged, and only one replica at a time runs a pass (the lock row), about once per
 * interval whichever replica it is.
 */
@EachDatabase
class HistoryRetentionTest {

    static final TestDatabase databases = new TestDatabase();
    static final ClusterRef REF = new ClusterRef("kafka-ret", "connect-ret");
    static final Instant NOW = Instant.parse("2027-03-01T00:00:00Z");
    static final Duration HOUR = Duration.ofHours(1);

    DatabaseSettings settings;
    Database database;
    ConnectorStore store;
    String cc;

    @BeforeEach
    void setUp() throws Exception {
        settings = databases.fresh();
        database = databases.open(settings);
        RegistrationStore registrations = new RegistrationStore(database, new IdGenerator());
        registrations.createKafkaCluster("env-ret", "kafka-ret", "k", Cloud.AWS, "us-east-1");
        cc = registrations.createConnectCluster("env-ret", "connect-ret", "kafka-ret", null, null, null).id();
        store = new ConnectorStore(database);
    }

    /** {@code changes} config changes of connector {@code name}, one a day, the last {@code lastDaysAgo} days ago. */
    private void changes(String name, int changes, int lastDaysAgo) {
        List<MetadataEvent> events = new ArrayList<>();
        for (int i = 0; i < changes; i++) {
            Instant time = NOW.minus(Duration.ofDays(lastDaysAgo + changes - 1 - i));
            events.add(snapshot(REF, name, time, i, ConnectorState.RUNNING, 1, Map.of("topic", "t" + i), Set.of()));
        }
        store.apply(Map.of(cc, events));
    }

    private HistoryRetention retention(Database db, Instant now, int maxRows) {
        return new HistoryRetention(db, new HistoryRetention.Policy(Duration.ofDays(90), maxRows, HOUR),
                Clock.fixed(now, ZoneOffset.UTC), "test-replica");
    }

    @Test
    void deletesWhatIsTooOldAndAllButTheNewestOfEachConnectorAndLogsTheCounts() throws Exception {
        changes("old-and-new", 20, 81);   // 100..81 days ago: 10 of them older than 90 days
        changes("chatty", 30, 0);         // 30 recent changes, 25 allowed
        changes("quiet", 3, 0);
        HistoryRetention.Result result;
        try (LogCapture logs = new LogCapture()) {
            result = retention(database, NOW, 25).runOnce().orElseThrow();

            assertThat(logs.text()).contains("history retention: deleted 10 entries older than 90 days and 5 beyond "
                    + "25 per connector (1 connectors)");
        }

        assertThat(result.deletedByAge()).isEqualTo(10);
        assertThat(result.deletedByCount()).isEqualTo(5);
        assertThat(result.connectorsTrimmed()).isEqualTo(1);
        assertThat(store.history(cc, "old-and-new")).hasSize(10)
                .allSatisfy(e -> assertThat(e.time()).isAfterOrEqualTo(NOW.minus(Duration.ofDays(90))));
        List<HistoryEntry> chatty = store.history(cc, "chatty");
        assertThat(chatty).hasSize(25);
        assertThat(chatty.get(0).time()).isEqualTo(NOW); // the newest stay
        assertThat(store.history(cc, "quiet")).hasSize(3);
        // the connectors themselves are untouched
        assertThat(store.get(cc, "old-and-new")).get().satisfies(c -> assertThat(c.config()).containsEntry("topic",
                "t19"));
    }

    @Test
    void smallBatchesDeleteExactlyWhatOneBigPassWould() {
        for (int c = 0; c < 7; c++) {
            changes("c" + c, 12, 85 - c); // 7 connectors, 12 changes each, some of each older than 90 days
        }
        int oldBefore = 0;
        for (int c = 0; c < 7; c++) {
            oldBefore += (int) store.history(cc, "c" + c).stream()
                    .filter(e -> e.time().isBefore(NOW.minus(Duration.ofDays(90)))).count();
        }

        HistoryRetention.Result result = new HistoryRetention(database, new HistoryRetention.Policy(
                Duration.ofDays(90), 4, HOUR), Clock.fixed(NOW, ZoneOffset.UTC), "test", 3).runOnce().orElseThrow();

        assertThat(result.deletedByAge()).isEqualTo(oldBefore);
        assertThat(result.connectorsTrimmed()).isEqualTo(7);
        for (int c = 0; c < 7; c++) {
            List<HistoryEntry> left = store.history(cc, "c" + c);
            assertThat(left).hasSize(4);
            assertThat(left.get(0).time()).isEqualTo(NOW.minus(Duration.ofDays(85 - c)));
        }
        assertThat(result.deletedByAge() + result.deletedByCount()).isEqualTo(7 * 12 - 7 * 4);
    }

    @Test
    void aPassRunsOnOneReplicaAtATimeAndAboutOncePerInterval() throws Exception {
        changes("c", 5, 200);
        Database replicaB = databases.open(settings);
        try (Connection holder = connect()) {
            // another replica in the middle of a pass: it holds the lock row
            holder.setAutoCommit(false);
            try (PreparedStatement ps = holder.prepareStatement("SELECT name FROM endpoint_locks WHERE name = ? "
                    + "FOR UPDATE")) {
                ps.setString(1, HistoryRetention.LOCK);
                ps.executeQuery().close();
            }
            assertThat(retention(replicaB, NOW, 1000).runOnce()).as("lock held elsewhere").isEmpty();
            assertThat(store.history(cc, "c")).hasSize(5);
            holder.rollback();
        }

        assertThat(retention(replicaB, NOW, 1000).runOnce()).get()
                .satisfies(r -> assertThat(r.deletedByAge()).isEqualTo(5));
        // replica A a moment later: B ran within this interval
        assertThat(retention(database, NOW.plus(Duration.ofMinutes(10)), 1000).runOnce()).isEmpty();
        // and once the interval has passed, whichever replica looks first runs it
        assertThat(retention(database, NOW.plus(HOUR), 1000).runOnce()).isPresent();
        try (Connection c = connect(); PreparedStatement ps = c.prepareStatement(
                "SELECT last_run_by FROM endpoint_locks WHERE name = ?")) {
            ps.setString(1, HistoryRetention.LOCK);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                assertThat(rs.getString(1)).isEqualTo("test-replica");
            }
        }
    }

    @Test
    void purgeDeletesOneConnectorsHistoryAndNothingElse() {
        changes("leaky", 4, 0);
        changes("other", 2, 0);

        assertThat(store.purgeHistory(cc, "leaky")).isEqualTo(4);

        assertThat(store.history(cc, "leaky")).isEmpty();
        assertThat(store.known(cc, "leaky")).isTrue();
        assertThat(store.get(cc, "leaky")).isPresent();
        assertThat(store.history(cc, "other")).hasSize(2);
    }

    private Connection connect() throws Exception {
        return databases.vendor() == Vendor.POSTGRESQL
                ? DriverManager.getConnection(settings.url(), TestPostgres.user(), TestPostgres.password())
                : DriverManager.getConnection(settings.url(), DatabaseSettings.DEFAULT_USER, "");
    }
}
