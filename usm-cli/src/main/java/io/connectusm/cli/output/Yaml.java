package io.connectusm.cli.output;

import java.util.Iterator;
import java.util.Map;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * YAML laid out as Confluent's CLI prints it (Go's {@code yaml.v3}): four-space indentation for nested mappings,
 * sequences inside a mapping indented under their key, {@code []} and {@code {}} for empty ones, and a top-level
 * sequence of mappings as {@code - key: value} with two-space continuation. Scalars are plain unless a plain scalar
 * could be misread (a number, a boolean, a special character), then double-quoted JSON-style, which is valid YAML.
 * Hand-written rather than jackson-dataformat-yaml, whose layout and quoting differ from Confluent's golden files.
 * Stateless.
 */
final class Yaml {

    /** What a plain scalar may hold: no indicator first, no {@code ": "} or {@code " #"}, no trailing colon. */
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_./][A-Za-z0-9_./ :@+=,()$-]*");
    /** Plain scalars that would read as another type: quoted, as yaml.v3 quotes them (timestamps included). */
    private static final Pattern AMBIGUOUS = Pattern.compile(
            "(?i)(true|false|yes|no|on|off|y|n|null|~|[-+]?\\d+(\\.\\d*)?([eE][-+]?\\d+)?|0x[0-9a-f]+|0o[0-7]+"
                    + "|[-+]?\\.inf|\\.nan|\\d{4}-\\d\\d?-\\d\\d?([Tt ].*)?)");
    private static final String INDENT = "    ";

    private Yaml() {
    }

    /** A whole document. */
    static String document(JsonNode node) {
        StringBuilder out = new StringBuilder();
        if (node.isObject() && !node.isEmpty()) {
            mapping(out, node, "");
        } else if (node.isArray() && !node.isEmpty()) {
            sequence(out, node, "");
        } else {
            out.append(inline(node)).append('\n');
        }
        return out.toString();
    }

    private static void mapping(StringBuilder out, JsonNode map, String indent) {
        boolean first = true;
        for (Iterator<Map.Entry<String, JsonNode>> it = map.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!first) {
                out.append(indent);
            }
            first = false;
            entry(out, e.getKey(), e.getValue(), indent);
        }
    }

    /** {@code key: value}; the caller has written the indentation of the key's line. */
    private static void entry(StringBuilder out, String key, JsonNode value, String indent) {
        out.append(scalar(key)).append(':');
        if (value.isObject() && !value.isEmpty()) {
            out.append('\n').append(indent).append(INDENT);
            mapping(out, value, indent + INDENT);
        } else if (value.isArray() && !value.isEmpty()) {
            out.append('\n').append(indent).append(INDENT);
            sequence(out, value, indent + INDENT);
        } else {
            out.append(' ').append(inline(value)).append('\n');
        }
    }

    /** The items of a sequence, the first on the current line (its indentation written by the caller). */
    private static void sequence(StringBuilder out, JsonNode seq, String indent) {
        boolean first = true;
        for (JsonNode item : seq) {
            if (!first) {
                out.append(indent);
            }
            first = false;
            out.append("- ");
            if (item.isObject() && !item.isEmpty()) {
                mapping(out, item, indent + "  ");
            } else if (item.isArray() && !item.isEmpty()) {
                sequence(out, item, indent + "  ");
            } else {
                out.append(inline(item)).append('\n');
            }
        }
    }

    private static String inline(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return "null";
        }
        if (node.isArray()) {
            return "[]";
        }
        if (node.isObject()) {
            return "{}";
        }
        if (node.isNumber() || node.isBoolean()) {
            return node.asText();
        }
        return scalar(node.asText());
    }

    static String scalar(String value) {
        if (value == null) {
            return "null";
        }
        if (PLAIN.matcher(value).matches() && !AMBIGUOUS.matcher(value).matches() && !value.endsWith(" ")
                && !value.endsWith(":") && !value.contains(": ") && !value.contains(" #")) {
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
