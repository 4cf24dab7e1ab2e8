package io.connectusm.endpoint;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import io.connectusm.events.ConnectorSnapshot;
import io.connectusm.events.ConnectorState;

/**
 * HTML fragments of the web page: escaping, times, state badges, masked values. Every method escapes what it
 * is given, so callers never concatenate raw text. Stateless and thread-safe.
 */
final class Html {

    /** Times to the second, in UTC, as people read them; the precise instant goes in the title attribute. */
    private static final DateTimeFormatter SECONDS_UTC = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'",
            Locale.ROOT).withZone(ZoneOffset.UTC);

    private Html() {
    }

    /** Escapes text for HTML element content and quoted attribute values. */
    static String esc(String value) {
        if (value == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char ch = value.charAt(i);
            switch (ch) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(ch);
            }
        }
        return out.toString();
    }

    /** Encodes one path segment (safe inside a quoted attribute as is: only letters, digits, {@code %-._*}). */
    static String url(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** {@code 2026-11-20 23:39:28 UTC}, truncated to the second. */
    static String secondsUtc(Instant time) {
        return SECONDS_UTC.format(time);
    }

    /** A {@code <time>} showing the instant to the second in UTC, the precise ISO-8601 value as its title. */
    static String time(Instant time) {
        if (time == null) {
            return "";
        }
        String precise = esc(time.toString());
        return "<time datetime=\"" + precise + "\" title=\"" + precise + "\">" + secondsUtc(time) + "</time>";
    }

    /**
     * A coloured badge for a Connect state that keeps the state's name as text, so it reads without colour.
     * Unknown states get a neutral badge; the class name comes from the known constants only.
     */
    static String state(String state) {
        if (state == null || state.isEmpty()) {
            return "";
        }
        String css = "state-other";
        for (ConnectorState known : ConnectorState.values()) {
            if (known.name().equals(state)) {
                css = "state-" + known.name().toLowerCase(Locale.ROOT);
            }
        }
        return "<span class=\"state " + css + "\">" + esc(state) + "</span>";
    }

    /** A small badge, e.g. "masked" or "differs"; {@code kind} is one of the stylesheet's badge kinds. */
    static String badge(String kind, String text) {
        return "<span class=\"badge badge-" + kind + "\">" + esc(text) + "</span>";
    }

    /** Whether a config value is the masking placeholder (a secret the worker never sent). */
    static boolean isMasked(String value) {
        return ConnectorSnapshot.MASKED_VALUE.equals(value);
    }

    /** A config value: masked values as {@code ********} with a muted "masked" badge, others as code. */
    static String configValue(String value, boolean masked) {
        if (masked || isMasked(value)) {
            return "<code class=\"masked\">" + esc(value == null ? ConnectorSnapshot.MASKED_VALUE : value) + "</code> "
                    + badge("muted", "masked");
        }
        return value == null ? "" : "<code>" + esc(value) + "</code>";
    }

    /** A failure trace folded into a {@code <details>} whose summary is the trace's first line. */
    static String trace(String trace) {
        if (trace == null || trace.isEmpty()) {
            return "";
        }
        int nl = trace.indexOf('\n');
        String first = (nl < 0 ? trace : trace.substring(0, nl)).strip();
        if (first.length() > 160) {
            first = first.substring(0, 157) + "…";
        }
        return "<details class=\"trace\"><summary>" + esc(first) + "</summary><pre>" + esc(trace) + "</pre></details>";
    }

    static String td(String value) {
        return "<td>" + esc(value) + "</td>";
    }

    /** A cell whose content is already HTML. */
    static String tdHtml(String html) {
        return "<td>" + html + "</td>";
    }

    static String hidden(String name, String value) {
        return "<input type=\"hidden\" name=\"" + esc(name) + "\" value=\"" + esc(value) + "\">";
    }

    /** A link to a page of the site; {@code path} must already be built from {@link #url} segments. */
    static String link(String path, String text) {
        return "<a href=\"" + esc(path) + "\">" + esc(text) + "</a>";
    }
}
