package io.connectusm.endpoint.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.connectusm.endpoint.store.Database;
import io.connectusm.endpoint.store.DatabaseSettings;

/**
 * Fresh, real databases for store tests, of the vendor the {@link EachDatabase} run is on: each {@link #open()}
 * is a new H2 file, or a new database on the test PostgreSQL server. All are closed and dropped when the run
 * ends. Declare it as {@code static final TestDatabase databases = new TestDatabase();}. Not thread-safe: one per
 * test class.
 */
public final class TestDatabase implements DatabaseBound {

    private Vendor vendor;
    private Path dir;
    private final List<Database> opened = new ArrayList<>();
    private final List<DatabaseSettings> created = new ArrayList<>();

    @Override
    public void startOn(Vendor vendor, Path dir) {
        this.vendor = vendor;
        this.dir = dir;
    }

    public Vendor vendor() {
        return vendor;
    }

    /** Settings of a new, empty database (not opened: nothing is migrated yet). */
    public DatabaseSettings fresh() throws Exception {
        if (vendor == Vendor.POSTGRESQL) {
            DatabaseSettings settings = TestPostgres.createDatabase();
            created.add(settings);
            return settings;
        }
        return DatabaseSettings.h2(Files.createTempDirectory(dir, "h2-"));
    }

    /** A new database, opened and migrated. */
    public Database open() throws Exception {
        return open(fresh());
    }

    /** Opens (again) the database of {@code settings}; closed when the run ends, if the test did not. */
    public Database open(DatabaseSettings settings) {
        Database database = Database.open(settings);
        opened.add(database);
        return database;
    }

    @Override
    public void stop() throws Exception {
        opened.forEach(Database::close);
        opened.clear();
        for (DatabaseSettings settings : created) {
            TestPostgres.drop(settings);
        }
        created.clear();
        TestDirs.deleteTree(dir);
    }
}
