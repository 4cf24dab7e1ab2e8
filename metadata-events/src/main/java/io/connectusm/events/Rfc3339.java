package io.connectusm.events;

import java.time.Instant;
import java.time.LocalDate;

/**
 * A fast path for the timestamps emitters write, {@code 2025-03-01T09:30:00.250Z} or with an offset
 * ({@code +01:00}): read by hand instead of by {@code DateTimeFormatter}, which costs several times a whole event's
 * other checks. It takes only what the contract's formatter ({@code NodeReader}'s RFC 3339 pattern, resolved STRICT)
 * accepts, and yields the same instant: four-digit year, two-digit fields with their ranges (days per month and leap
 * years of the proleptic ISO calendar), 1 to 9 fraction digits, {@code Z}/{@code z} or an offset up to ±18:00, a
 * {@code T} or {@code t}. Anything else — including everything the formatter refuses — returns {@code null}, and the
 * formatter decides. Stateless.
 */
final class Rfc3339 {

    private static final int MAX_OFFSET_HOURS = 18;

    private Rfc3339() {
    }

    /** The instant of {@code text} when it has the common form, else {@code null} (ask the formatter). */
    static Instant parse(String text) {
        int n = text.length();
        if (n < 20 || text.charAt(4) != '-' || text.charAt(7) != '-' || (text.charAt(10) | 0x20) != 't'
                || text.charAt(13) != ':' || text.charAt(16) != ':') {
            return null;
        }
        int year = digits(text, 0, 4);
        int month = digits(text, 5, 2);
        int day = digits(text, 8, 2);
        int hour = digits(text, 11, 2);
        int minute = digits(text, 14, 2);
        int second = digits(text, 17, 2);
        if (year < 0 || month < 1 || month > 12 || day < 1 || hour < 0 || hour > 23 || minute < 0 || minute > 59
                || second < 0 || second > 59) {
            return null;
        }
        int at = 19;
        int nanos = 0;
        if (text.charAt(at) == '.') {
            int start = ++at;
            while (at < n && at - start < 10 && isDigit(text.charAt(at))) {
                nanos = nanos * 10 + text.charAt(at++) - '0';
            }
            int fraction = at - start;
            if (fraction < 1 || fraction > 9) {
                return null;
            }
            for (int i = fraction; i < 9; i++) {
                nanos *= 10;
            }
        }
        int offsetSeconds;
        if (at == n - 1 && (text.charAt(at) | 0x20) == 'z') {
            offsetSeconds = 0;
        } else if (at == n - 6 && (text.charAt(at) == '+' || text.charAt(at) == '-') && text.charAt(at + 3) == ':') {
            int offsetHours = digits(text, at + 1, 2);
            int offsetMinutes = digits(text, at + 4, 2);
            if (offsetHours < 0 || offsetHours > MAX_OFFSET_HOURS || offsetMinutes < 0 || offsetMinutes > 59
                    || offsetHours == MAX_OFFSET_HOURS && offsetMinutes > 0) {
                return null;
            }
            offsetSeconds = (text.charAt(at) == '-' ? -1 : 1) * (offsetHours * 3600 + offsetMinutes * 60);
        } else {
            return null;
        }
        if (day > LocalDate.of(year, month, 1).lengthOfMonth()) {
            return null;
        }
        long epochDay = LocalDate.of(year, month, day).toEpochDay();
        return Instant.ofEpochSecond(epochDay * 86_400 + hour * 3600 + minute * 60 + second - offsetSeconds, nanos);
    }

    /** The value of {@code count} ASCII digits at {@code from}, or -1 when one is not a digit. */
    private static int digits(String text, int from, int count) {
        int value = 0;
        for (int i = from; i < from + count; i++) {
            char c = text.charAt(i);
            if (!isDigit(c)) {
                return -1;
            }
            value = value * 10 + c - '0';
        }
        return value;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
