package io.connectusm.endpoint.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;

import org.junit.jupiter.api.Test;

import io.connectusm.endpoint.testing.EachDatabase;
import io.connectusm.endpoint.testing.TestDatabase;
import io.connectusm.endpoint.testing.TestPostgres;
import io.connectusm.endpoint.testing.Vendor;

/**
 * "Which connectors use topic T" is answered from the index of {@code connector_topics} whose key starts with
 * (Kafka cluster, topic), on each database, as the database's own plan says: H2 names the primary key's index,
 * PostgreSQL (told not to scan tables whole, so a tiny table does not hide a missing index) an index scan of it.
 */
@EachDatabase
class TopicIndexTest {

    static final TestDatabase databases = new TestDatabase();

    @Test
    void theConnectorsOfATopicAreAnIndexLookup() throws Exception {
        DatabaseSettings settings = databases.fresh();
        databases.open(settings).close();
        try (Connection c = DriverManager.getConnection(settings.url(), settings.user(),
                databases.vendor() == Vendor.POSTGRESQL ? TestPostgres.password() : "");
             Statement s = c.createStatement()) {
            if (databases.vendor() == Vendor.POSTGRESQL) {
                s.execute("SET enable_seqscan = off");
            }
            String plan = plan(s, "EXPLAIN SELECT connect_cluster_id, name FROM connector_topics "
                    + "WHERE kafka_cluster_id = 'usmkc-1' AND topic = 'orders'");
            if (databases.vendor() == Vendor.POSTGRESQL) {
                assertThat(plan).contains("index").contains("connector_topics_pkey").doesNotContain("seq scan");
            } else {
                assertThat(plan).contains("primary_key").doesNotContain("tablescan");
            }
        }
    }

    private static String plan(Statement s, String explain) throws SQLException {
        StringBuilder out = new StringBuilder();
        try (ResultSet rs = s.executeQuery(explain)) {
            while (rs.next()) {
                out.append(rs.getString(1)).append('\n');
            }
        }
        return out.toString().toLowerCase(Locale.ROOT);
    }
}
