package io.connectusm.cli.endpoint;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import org.apache.kafka.common.config.ConfigException;

import io.connectusm.cli.output.CommandRunner;
import io.connectusm.cli.output.UsmCliException;
import io.connectusm.endpoint.EndpointConfig;
import io.connectusm.endpoint.EndpointConfigLoader;
import io.connectusm.endpoint.store.Database;
import io.connectusm.endpoint.store.DatabaseCopy;
import io.connectusm.endpoint.store.DatabaseInUseException;
import io.connectusm.endpoint.store.DatabaseSettings;
import io.connectusm.endpoint.store.StoreException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code usm endpoint migrate-db --from SOURCE --to TARGET}: copies every row of an endpoint's database into a new,
 * empty one, e.g. from the default H2 file to PostgreSQL. Each side is an endpoint properties file (its
 * {@code data.dir} and {@code database.*} keys), a data directory (its H2 file; for {@code --to} one that does
 * not exist yet is created), or a JDBC URL with
 * {@code --from-user/--to-user} and {@code --from-password/--to-password} as {@code ${file:PATH:KEY}} or
 * {@code ${env:NAME}} (never the password itself: command lines are visible to every user of the machine).
 * {@code USM_ENDPOINT_*} variables are not applied: they could not tell the two databases apart. Both databases
 * are migrated to this version's schema first; the endpoint must be stopped (an H2 file is locked while one runs).
 */
@Command(name = "migrate-db",
        description = "Copy the endpoint's database into a new, empty one (e.g. H2 to PostgreSQL); stop the endpoint "
                + "first.")
final class MigrateDbCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--from", required = true, paramLabel = "SOURCE",
            description = "Endpoint properties file, data directory, or JDBC URL of the database to copy.")
    String from;

    @Option(names = "--to", required = true, paramLabel = "TARGET",
            description = "Endpoint properties file, data directory, or JDBC URL of the new, empty database.")
    String to;

    @Option(names = "--from-user", paramLabel = "USER", description = "Database user of a --from JDBC URL.")
    String fromUser;

    @Option(names = "--from-password", paramLabel = "REF",
            description = "Password of --from-user as ${file:PATH:KEY} or ${env:NAME}.")
    String fromPassword;

    @Option(names = "--to-user", paramLabel = "USER", description = "Database user of a --to JDBC URL.")
    String toUser;

    @Option(names = "--to-password", paramLabel = "REF",
            description = "Password of --to-user as ${file:PATH:KEY} or ${env:NAME}.")
    String toPassword;

    @Override
    public Integer call() throws Exception {
        return CommandRunner.run(spec, () -> {
            DatabaseSettings source = settings("--from", from, fromUser, fromPassword);
            DatabaseSettings target = settings("--to", to, toUser, toPassword);
            if (source.url().equals(target.url())) {
                throw new UsmCliException("--from and --to name the same database");
            }
            try (Database sourceDb = open(source, "--from"); Database targetDb = open(target, "--to")) {
                List<DatabaseCopy.TableCount> counts = DatabaseCopy.copy(sourceDb, targetDb);
                StringBuilder out = new StringBuilder();
                long rows = 0;
                for (DatabaseCopy.TableCount count : counts) {
                    out.append(String.format("  %-24s %,12d rows%n", count.table(), count.rows()));
                    rows += count.rows();
                }
                return "Copied " + String.format("%,d", rows) + " rows in " + counts.size() + " tables from "
                        + source.describe() + " to " + target.describe() + ":\n" + out
                        + "Point database.url of every endpoint at the new database, then start them.\n";
            } catch (IllegalStateException e) {
                throw new UsmCliException(e.getMessage());
            }
        });
    }

    /** The database a side names: a properties file, a data directory, or a JDBC URL with its user and password. */
    private static DatabaseSettings settings(String option, String spec, String user, String password) {
        Map<String, String> values = new HashMap<>();
        // Only the database matters here: a file's listener keys must not require the keystore password.
        values.put(EndpointConfig.SSL_KEYSTORE_LOCATION_CONFIG, "");
        values.put(EndpointConfig.BIND_ADDRESS_CONFIG, "127.0.0.1");
        Path file = null;
        if (spec.startsWith("jdbc:")) {
            values.put(EndpointConfig.DATABASE_URL_CONFIG, spec);
        } else if (Files.isRegularFile(Path.of(spec))) {
            file = Path.of(spec);
        } else if (Files.isDirectory(Path.of(spec)) || option.equals("--to") && !Files.exists(Path.of(spec))) {
            values.put(EndpointConfig.DATA_DIR_CONFIG, spec);
        } else {
            throw new UsmCliException(option + " " + spec + ": no such file or directory, and not a jdbc: URL");
        }
        if (user != null) {
            values.put(EndpointConfig.DATABASE_USER_CONFIG, user);
        }
        if (password != null) {
            values.put(EndpointConfig.DATABASE_PASSWORD_CONFIG, password);
        }
        try {
            return EndpointConfigLoader.loadWithoutOverrides(file, values, System.getenv()).databaseSettings();
        } catch (ConfigException e) {
            throw new UsmCliException(option + ": " + e.getMessage());
        }
    }

    /** The file of an H2 database. */
    private static Path h2File(DatabaseSettings settings) {
        return Path.of(settings.url().substring("jdbc:h2:file:".length()).split(";", 2)[0] + ".mv.db")
                .toAbsolutePath();
    }

    private static Database open(DatabaseSettings settings, String option) {
        try {
            if (settings.embedded() && option.equals("--from")) {
                // H2 would create an empty file and the copy would "succeed" with nothing in it
                Path file = h2File(settings);
                if (!Files.isRegularFile(file)) {
                    throw new UsmCliException(option + ": no H2 database file " + file);
                }
            }
            if (settings.embedded()) {
                Files.createDirectories(h2File(settings).getParent());
            }
            return Database.open(settings);
        } catch (IOException e) {
            throw new UsmCliException(option + ": cannot create " + e.getMessage());
        } catch (DatabaseInUseException e) {
            throw new UsmCliException(option + ": " + e.getMessage() + "; stop it first");
        } catch (StoreException e) {
            throw new UsmCliException(option + ": cannot open " + settings.describe() + ": " + e.getMessage());
        }
    }
}
