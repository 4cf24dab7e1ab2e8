package io.connectusm.endpoint.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * The store's one mapping of instants to and from {@code TIMESTAMP WITH TIME ZONE} columns (always UTC), so no
 * row class converts times its own way. Stateless.
 */
final class Sql {

    private Sql() {
    }

    static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    static Instant instant(ResultSet rs, int column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    /** Whether {@code text} is an ISO-8601 instant as {@link Instant#toString()} writes them. */
    static boolean isInstant(String text) {
        try {
            Instant.parse(text);
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    /** Binds a stamp's time, epoch and sequence to three parameters starting at {@code first}. */
    static void bindStamp(PreparedStatement ps, int first, EventStamp stamp) throws SQLException {
        ps.setObject(first, utc(stamp.time()));
        ps.setObject(first + 1, utc(stamp.epoch()));
        ps.setLong(first + 2, stamp.sequence());
    }

    /** Reads a stamp from three columns starting at {@code first}. */
    static EventStamp stamp(ResultSet rs, int first) throws SQLException {
        return new EventStamp(instant(rs, first), instant(rs, first + 1), rs.getLong(first + 2));
    }
}
