package io.connectusm.endpoint.store;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Copies every row of one endpoint database into another, empty one: how an operator moves from the H2 file to
 * PostgreSQL ({@code usm endpoint migrate-db}). Both are opened by this version of the endpoint first, so both have
 * the same schema; every table is copied (also those of later versions: the tables are read from the database, not
 * listed here), parents before children, column by column, with the values as stored (IDs, stamps, history
 * sequence numbers, key hashes), and each identity column then continues after the largest copied value. The
 * target is written in one transaction: a failed copy leaves it empty, to be run again. Rows that the migrations
 * themselves make ({@code endpoint_locks}) are not copied. Stateless.
 */
public final class DatabaseCopy {

    /** Tables that are Flyway's or the migrations' own: never copied. */
    private static final Set<String> NOT_COPIED = Set.of("flyway_schema_history", "schema_version", "endpoint_locks");
    private static final int BATCH = 500;

    private DatabaseCopy() {
    }

    /** How many rows of a table were copied. */
    public record TableCount(String table, long rows) {
    }

    /**
     * Copies {@code from} into {@code to}.
     *
     * @return the rows copied per table, in the order copied
     * @throws IllegalStateException when {@code to} holds data already, or the schemas differ
     */
    public static List<TableCount> copy(Database from, Database to) {
        return from.inTransaction(source -> to.inTransaction(target -> {
            List<String> tables = tablesInCopyOrder(source);
            Set<String> targetTables = new TreeSet<>(tablesInCopyOrder(target));
            if (!targetTables.equals(new TreeSet<>(tables))) {
                throw new IllegalStateException("the two databases have different tables (" + tables + " and "
                        + targetTables + "); open both with the same endpoint version first");
            }
            for (String table : tables) {
                long rows = count(target, table);
                if (rows > 0) {
                    throw new IllegalStateException("the target database is not empty: table " + table + " has "
                            + rows + " row(s); migrate into a new database, before any endpoint starts on it");
                }
            }
            List<TableCount> counts = new ArrayList<>();
            for (String table : tables) {
                counts.add(new TableCount(table, copyTable(source, target, table)));
            }
            for (String table : tables) {
                for (String column : identityColumns(target, table)) {
                    to.dialect().restartIdentity(target, table, column, max(target, table, column) + 1);
                }
                long copied = count(target, table);
                if (copied != count(source, table)) {
                    throw new IllegalStateException("table " + table + ": " + copied + " rows arrived of "
                            + count(source, table));
                }
            }
            return counts;
        }));
    }

    private static long copyTable(Connection source, Connection target, String table) throws SQLException {
        Map<String, Column> columns = columnTypes(source, table);
        if (!columns.keySet().equals(columnTypes(target, table).keySet())) {
            throw new IllegalStateException("table " + table + " has different columns in the two databases");
        }
        List<String> names = new ArrayList<>(columns.keySet());
        String list = String.join(", ", names);
        long rows = 0;
        try (Statement select = source.createStatement();
             PreparedStatement insert = target.prepareStatement("INSERT INTO " + table + " (" + list + ") VALUES ("
                     + "?, ".repeat(names.size() - 1) + "?)")) {
            select.setFetchSize(BATCH);
            try (ResultSet rs = select.executeQuery("SELECT " + list + " FROM " + table)) {
                while (rs.next()) {
                    for (int i = 0; i < names.size(); i++) {
                        transfer(rs, insert, i + 1, columns.get(names.get(i)));
                    }
                    insert.addBatch();
                    if (++rows % BATCH == 0) {
                        insert.executeBatch();
                    }
                }
            }
            insert.executeBatch();
        }
        return rows;
    }

    /**
     * Moves one value, read the way its column's type is read on any database. Times with a zone keep it, at the
     * microsecond precision the store compares them at (PostgreSQL's).
     */
    private static void transfer(ResultSet rs, PreparedStatement ps, int i, Column column) throws SQLException {
        int type = column.type();
        Object value = switch (type) {
            case Types.CLOB, Types.NCLOB, Types.LONGVARCHAR, Types.LONGNVARCHAR, Types.VARCHAR, Types.NVARCHAR,
                 Types.CHAR -> rs.getString(i);
            case Types.BLOB, Types.VARBINARY, Types.BINARY, Types.LONGVARBINARY -> rs.getBytes(i);
            case Types.TIMESTAMP_WITH_TIMEZONE, Types.TIMESTAMP -> column.zoned()
                    ? truncated(rs.getObject(i, OffsetDateTime.class)) : rs.getObject(i, LocalDateTime.class);
            default -> rs.getObject(i);
        };
        if (value == null) {
            ps.setNull(i, type == Types.CLOB ? Types.VARCHAR : type == Types.BLOB ? Types.VARBINARY : type);
        } else if (value instanceof byte[] bytes) {
            ps.setBytes(i, bytes);
        } else if (value instanceof String text) {
            ps.setString(i, text);
        } else {
            ps.setObject(i, value);
        }
    }

    private static OffsetDateTime truncated(OffsetDateTime time) {
        return time == null ? null : time.truncatedTo(ChronoUnit.MICROS);
    }

    /** A column's JDBC type and whether it is a time with a zone (PostgreSQL reports those as TIMESTAMP). */
    private record Column(int type, boolean zoned) {
        static Column of(int type, String typeName) {
            String name = typeName.toLowerCase(Locale.ROOT);
            return new Column(type, type == Types.TIMESTAMP_WITH_TIMEZONE || name.contains("timestamptz")
                    || name.contains("with time zone"));
        }
    }

    /** The tables of the connection's schema, lower case, each after the tables it refers to. */
    private static List<String> tablesInCopyOrder(Connection c) throws SQLException {
        DatabaseMetaData metadata = c.getMetaData();
        Map<String, Set<String>> parents = new TreeMap<>();
        try (ResultSet rs = metadata.getTables(null, c.getSchema(), null, new String[] {"TABLE"})) {
            while (rs.next()) {
                String table = rs.getString("TABLE_NAME").toLowerCase(Locale.ROOT);
                if (!NOT_COPIED.contains(table)) {
                    parents.put(table, new TreeSet<>());
                }
            }
        }
        for (Map.Entry<String, Set<String>> table : parents.entrySet()) {
            try (ResultSet rs = metadata.getImportedKeys(null, c.getSchema(), metaName(metadata, table.getKey()))) {
                while (rs.next()) {
                    String parent = rs.getString("PKTABLE_NAME").toLowerCase(Locale.ROOT);
                    if (!parent.equals(table.getKey())) {
                        table.getValue().add(parent);
                    }
                }
            }
        }
        Set<String> ordered = new LinkedHashSet<>();
        while (ordered.size() < parents.size()) {
            int before = ordered.size();
            parents.forEach((table, needs) -> {
                if (!ordered.contains(table) && ordered.containsAll(needs)) {
                    ordered.add(table);
                }
            });
            if (ordered.size() == before) {
                throw new IllegalStateException("tables refer to each other in a cycle: " + parents);
            }
        }
        return new ArrayList<>(ordered);
    }

    /** Column name (lower case) to its type, in the table's order. */
    private static Map<String, Column> columnTypes(Connection c, String table) throws SQLException {
        DatabaseMetaData metadata = c.getMetaData();
        Map<String, Column> out = new LinkedHashMap<>();
        try (ResultSet rs = metadata.getColumns(null, c.getSchema(), metaName(metadata, table), null)) {
            while (rs.next()) {
                out.put(rs.getString("COLUMN_NAME").toLowerCase(Locale.ROOT),
                        Column.of(rs.getInt("DATA_TYPE"), rs.getString("TYPE_NAME")));
            }
        }
        return out;
    }

    private static List<String> identityColumns(Connection c, String table) throws SQLException {
        DatabaseMetaData metadata = c.getMetaData();
        List<String> out = new ArrayList<>();
        try (ResultSet rs = metadata.getColumns(null, c.getSchema(), metaName(metadata, table), null)) {
            while (rs.next()) {
                if ("YES".equals(rs.getString("IS_AUTOINCREMENT"))) {
                    out.add(rs.getString("COLUMN_NAME").toLowerCase(Locale.ROOT));
                }
            }
        }
        return out;
    }

    /** A table name as the metadata calls it: H2 folds unquoted names to upper case, PostgreSQL to lower. */
    private static String metaName(DatabaseMetaData metadata, String table) throws SQLException {
        return metadata.storesUpperCaseIdentifiers() ? table.toUpperCase(Locale.ROOT) : table;
    }

    private static long count(Connection c, String table) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static long max(Connection c, String table, String column) throws SQLException {
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT COALESCE(MAX(" + column + "), 0) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
