package io.connectusm.endpoint.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.connectusm.endpoint.store.ConnectorQuery.Sort;

/**
 * Pages of a cluster's connector list in SQL: the {@link ConnectorQuery}'s filters as a {@code WHERE} clause over
 * the summary columns, its order as {@code ORDER BY key, name}, and keyset paging: the next page starts after the
 * (key, name) of the last line of this one, so connectors written meanwhile never shift a page. A page key is the
 * sort key's value and the name, {@code <length of value>:<value><name>}. Stateless; runs on the caller's
 * transaction.
 */
final class ConnectorPages {

    private static final String SUMMARY = "name, connector_type, state, tasks_running, tasks_failed, tasks_total, "
            + "trace_present, failing, last_change";

    private ConnectorPages() {
    }

    static Page<ConnectorSummary> page(Connection c, String cc, ConnectorQuery query, String after, int size)
            throws SQLException {
        Key start = after.isEmpty() ? null : Key.parse(query.sort(), after);
        List<Object> params = new ArrayList<>();
        String where = where(cc, query, params);
        int total;
        try (PreparedStatement ps = prepare(c, "SELECT COUNT(*) FROM connectors WHERE " + where, params)) {
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                total = rs.getInt(1);
            }
        }
        Sort sort = query.sort();
        boolean descending = sort.naturallyDescending() != query.descending();
        String order;
        if (sort == Sort.NAME) {
            order = "name" + (descending ? " DESC" : "");
            if (start != null) {
                where += " AND name " + (descending ? "<" : ">") + " ?";
                params.add(start.name());
            }
        } else {
            String column = sort.column();
            order = column + (descending ? " DESC" : "") + ", name";
            if (start != null) {
                where += " AND (" + column + (descending ? " < " : " > ") + "? OR (" + column + " = ? AND name > ?))";
                params.add(start.value());
                params.add(start.value());
                params.add(start.name());
            }
        }
        params.add(size + 1);
        List<ConnectorSummary> items = new ArrayList<>();
        try (PreparedStatement ps = prepare(c, "SELECT " + SUMMARY + " FROM connectors WHERE " + where + " ORDER BY "
                + order + " LIMIT ?", params); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                items.add(new ConnectorSummary(rs.getString(1), rs.getString(2), rs.getString(3), rs.getInt(4),
                        rs.getInt(5), rs.getInt(6), rs.getBoolean(7), rs.getBoolean(8), Sql.instant(rs, 9)));
            }
        }
        return Page.of(items, size, total, last -> Key.of(sort, last));
    }

    private static String where(String cc, ConnectorQuery q, List<Object> params) {
        StringBuilder where = new StringBuilder("connect_cluster_id = ? AND deleted = FALSE");
        params.add(cc);
        if (!q.states().isEmpty()) {
            where.append(" AND state IN (").append("?, ".repeat(q.states().size() - 1)).append("?)");
            params.addAll(q.states().stream().sorted().toList());
        }
        if (q.type() != null) {
            where.append(" AND connector_type = ?");
            params.add(q.type());
        }
        if (q.failing() != null) {
            where.append(" AND failing = ?");
            params.add(q.failing());
        }
        if (q.namePrefix() != null) {
            where.append(" AND LOWER(name) LIKE ? ESCAPE '!'");
            params.add(likeLiteral(q.namePrefix()) + "%");
        }
        if (q.nameContains() != null) {
            where.append(" AND LOWER(name) LIKE ? ESCAPE '!'");
            params.add("%" + likeLiteral(q.nameContains()) + "%");
        }
        return where.toString();
    }

    /** {@code text} lower-cased, its LIKE wildcards escaped, so it matches only itself. */
    private static String likeLiteral(String text) {
        return text.toLowerCase(Locale.ROOT).replace("!", "!!").replace("%", "!%").replace("_", "!_");
    }

    private static PreparedStatement prepare(Connection c, String sql, List<Object> params) throws SQLException {
        PreparedStatement ps = c.prepareStatement(sql);
        try {
            for (int i = 0; i < params.size(); i++) {
                Object p = params.get(i);
                ps.setObject(i + 1, p instanceof Instant instant ? Sql.utc(instant) : p);
            }
            return ps;
        } catch (SQLException | RuntimeException e) {
            ps.close();
            throw e;
        }
    }

    /** Where a page starts: after the line with this sort key value and name. */
    private record Key(Object value, String name) {

        static String of(Sort sort, ConnectorSummary last) {
            if (sort == Sort.NAME) {
                return last.name();
            }
            String value = switch (sort) {
                case FAILING -> last.failing() ? "1" : "0";
                case STATE -> last.state();
                case TYPE -> last.connectorType();
                case LAST_CHANGE -> last.lastChange().toString();
                case TASKS_FAILED -> Integer.toString(last.tasksFailed());
                case NAME -> throw new IllegalStateException();
            };
            return value.length() + ":" + value + last.name();
        }

        /** @throws IllegalArgumentException when {@code key} is no key of {@code sort} */
        static Key parse(Sort sort, String key) {
            if (sort == Sort.NAME) {
                return new Key(null, key);
            }
            try {
                int colon = key.indexOf(':');
                int length = Integer.parseInt(key.substring(0, colon));
                String value = key.substring(colon + 1, colon + 1 + length);
                String name = key.substring(colon + 1 + length);
                Object typed = switch (sort) {
                    case FAILING -> "1".equals(value);
                    case STATE, TYPE -> value;
                    case LAST_CHANGE -> Instant.parse(value);
                    case TASKS_FAILED -> Integer.parseInt(value);
                    case NAME -> throw new IllegalStateException();
                };
                return new Key(typed, name);
            } catch (RuntimeException e) {
                if (e instanceof IndexOutOfBoundsException || e instanceof NumberFormatException
                        || e instanceof DateTimeParseException) {
                    throw new IllegalArgumentException("not a page key of sort " + sort.label());
                }
                throw e;
            }
        }
    }
}
