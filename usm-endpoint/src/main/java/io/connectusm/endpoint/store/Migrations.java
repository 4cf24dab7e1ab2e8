package io.connectusm.endpoint.store;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings the schema up to date with Flyway: the versioned scripts {@code V<n>__*.sql} under {@code migration/}
 * next to this class, and the Java migrations listed here, each applied once, in order, and recorded in
 * {@code flyway_schema_history}. Scripts that both databases accept live in {@code migration/common}; where their
 * types differ (versions 1 and 2: H2's {@code CLOB}, {@code VARBINARY}, nanosecond timestamps), each database has
 * its own script of that version in {@code migration/h2} or {@code migration/postgresql}. Append, never edit a
 * released script (Flyway refuses to start when an applied script's checksum changed). On PostgreSQL, Flyway holds
 * an advisory lock while it migrates, so replicas starting together migrate once.
 *
 * <p>Databases made before Flyway recorded their versions in a table {@code schema_version} of the hand-written
 * runner this replaces, which ran the same scripts. Such a database is baselined at its recorded version, so
 * Flyway applies only the scripts after it and every row is kept; {@code schema_version} is then left as it was
 * and no longer written. Stateless.
 */
final class Migrations {

    static final String LOCATION = "classpath:io/connectusm/endpoint/store/migration";
    static final String HISTORY_TABLE = "flyway_schema_history";
    static final String LEGACY_TABLE = "schema_version";

    private static final Logger log = LoggerFactory.getLogger(Migrations.class);

    private Migrations() {
    }

    static void migrate(DataSource dataSource, Dialect dialect) {
        Integer legacyVersion = legacyVersion(dataSource);
        FluentConfiguration flyway = Flyway.configure(Migrations.class.getClassLoader())
                .dataSource(dataSource)
                .locations(LOCATION + "/common", LOCATION + "/" + dialect.migrationFolder())
                .javaMigrations(new ConnectorSummariesMigration())
                .table(HISTORY_TABLE);
        if (legacyVersion != null) {
            flyway.baselineOnMigrate(true)
                    .baselineVersion(Integer.toString(legacyVersion))
                    .baselineDescription(LEGACY_TABLE + " " + legacyVersion + " of the pre-Flyway runner");
        }
        try {
            int applied = flyway.load().migrate().migrationsExecuted;
            if (legacyVersion != null) {
                log.info("schema recorded by the pre-Flyway runner at version {} baselined", legacyVersion);
            }
            log.debug("{} schema migration(s) applied", applied);
        } catch (FlywayException e) {
            throw new StoreException("schema migration failed", e);
        }
    }

    /** The version the pre-Flyway runner recorded, or {@code null} when it never ran here (or Flyway took over). */
    private static Integer legacyVersion(DataSource dataSource) {
        try (Connection c = dataSource.getConnection()) {
            DatabaseMetaData metadata = c.getMetaData();
            String schema = c.getSchema();
            if (hasTable(metadata, schema, HISTORY_TABLE) || !hasTable(metadata, schema, LEGACY_TABLE)) {
                return null;
            }
            try (Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT COALESCE(MAX(version), 0) FROM " + LEGACY_TABLE)) {
                rs.next();
                return rs.getInt(1);
            }
        } catch (SQLException e) {
            throw new StoreException(e);
        }
    }

    /** Case-insensitive, since databases fold unquoted names differently (H2 upper, PostgreSQL lower case). */
    private static boolean hasTable(DatabaseMetaData metadata, String schema, String table) throws SQLException {
        try (ResultSet rs = metadata.getTables(null, schema, null, null)) {
            while (rs.next()) {
                if (table.equalsIgnoreCase(rs.getString("TABLE_NAME"))) {
                    return true;
                }
            }
        }
        return false;
    }
}
