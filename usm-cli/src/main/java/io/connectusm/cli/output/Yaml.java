package io.connectusm.cli.output;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Minimal YAML for flat string maps: {@code key: value} per line, values quoted (JSON-style, which is valid
 * YAML) whenever a plain scalar could be misread. Stateless.
 */
final class Yaml {

    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_./][A-Za-z0-9_./ -]*");
    private static final Pattern AMBIGUOUS = Pattern.compile(
            "(?i)(true|false|yes|no|on|off|null|~|-?\\d+(\\.\\d*)?([eE][-+]?\\d+)?|0x[0-9a-f]+)");

    private Yaml() {
    }

    static String object(List<Field> fields, String indent) {
        StringBuilder out = new StringBuilder();
        for (Field f : fields) {
            out.append(indent).append(f.jsonKey()).append(": ").append(scalar(f.value())).append('\n');
        }
        return out.toString();
    }

    static String scalar(String value) {
        if (value == null) {
            return "null";
        }
        if (PLAIN.matcher(value).matches() && !AMBIGUOUS.matcher(value).matches() && !value.endsWith(" ")) {
            return value;
        }
        StringBuilder out = new StringBuilder("\"");
        for (char c : value.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
