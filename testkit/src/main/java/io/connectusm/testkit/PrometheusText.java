package io.connectusm.testkit;

import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The samples of a Prometheus text exposition, for assertions: the Prometheus Java client writes this format but has
 * no reader, so validate the text with {@link Promtool} ({@code check metrics}, Prometheus' own parser) and read the
 * values here. Only what the endpoint's exposition holds: one sample per line, no timestamps, label values without
 * escaped quotes. Stateless.
 */
public final class PrometheusText {

    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"([^\"]*)\"");

    private PrometheusText() {
    }

    /** Series (name and labels as written) → value, comments and blank lines left out. */
    public static Map<String, Double> samples(String text) {
        Map<String, Double> out = new TreeMap<>();
        for (String line : text.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int space = line.lastIndexOf(' ');
            out.put(line.substring(0, space), Double.parseDouble(line.substring(space + 1)));
        }
        return out;
    }

    /** The series' metric name: what precedes its labels. */
    public static String name(String series) {
        int brace = series.indexOf('{');
        return brace < 0 ? series : series.substring(0, brace);
    }

    /** The series' labels, by name. */
    public static Map<String, String> labels(String series) {
        Map<String, String> out = new TreeMap<>();
        int brace = series.indexOf('{');
        if (brace >= 0) {
            Matcher m = LABEL.matcher(series.substring(brace));
            while (m.find()) {
                out.put(m.group(1), m.group(2));
            }
        }
        return out;
    }
}
