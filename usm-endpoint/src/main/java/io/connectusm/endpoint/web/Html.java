package io.connectusm.endpoint.web;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import io.connectusm.events.ConnectorSnapshot;
import io.connectusm.events.ConnectorState;

/**
 * The little formatting the templates call: times, state classes, trace summaries, path segments, counted nouns.
 * Escaping is not here: the templates escape every value they write. Stateless.
 */
final class Html {

    /** Times to the second, in UTC, as people read them; the precise instant goes in the title attribute. */
    private static final DateTimeFormatter SECONDS_UTC = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'",
            Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final int SUMMARY_MAX = 160;

    private Html() {
    }

    /** {@code 2026-11-20 23:39:28 UTC}, truncated to the second. */
    static String secondsUtc(Instant time) {
        return SECONDS_UTC.format(time);
    }

    /**
     * The stylesheet class of a Connect state's badge, {@code state-running} …; unknown states get the neutral
     * {@code state-other}, so a class name only ever comes from the known constants.
     */
    static String stateClass(String state) {
        for (ConnectorState known : ConnectorState.values()) {
            if (known.name().equals(state)) {
                return "state-" + known.name().toLowerCase(Locale.ROOT);
            }
        }
        return "state-other";
    }

    /** Whether a config value is the masking placeholder (a secret the worker never sent). */
    static boolean isMasked(String value) {
        return ConnectorSnapshot.MASKED_VALUE.equals(value);
    }

    /** A trace's first line, shortened, as the summary of its folded {@code <details>}. */
    static String firstLine(String trace) {
        int nl = trace.indexOf('\n');
        String first = (nl < 0 ? trace : trace.substring(0, nl)).strip();
        return first.length() > SUMMARY_MAX ? first.substring(0, SUMMARY_MAX - 3) + "…" : first;
    }

    /** Encodes one path segment (only letters, digits and {@code %-._*} remain). */
    static String url(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** {@code 1 plugin}, {@code 3 plugins}. */
    static String count(long n, String one, String many) {
        return n + " " + (n == 1 ? one : many);
    }
}
