package io.connectusm.cli.output;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Renders one resource ({@link #describe}) or many ({@link #list}) in the chosen {@link OutputFormat}: the
 * box or column table for humans, or JSON / YAML objects keyed by {@link Field#jsonKey()}. Returns text
 * (ending in a newline); commands write it. Stateless and thread-safe.
 */
public final class ResultPrinter {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    // Go's json.MarshalIndent layout, as Confluent's CLI prints: "key": value, and [] for an empty list.
    private static final DefaultPrettyPrinter PRETTY = new DefaultPrettyPrinter(Separators.createDefaultInstance()
            .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
            .withArrayEmptySeparator("").withObjectEmptySeparator(""))
            .withObjectIndenter(new DefaultIndenter("  ", "\n"))
            .withArrayIndenter(new DefaultIndenter("  ", "\n"));

    private ResultPrinter() {
    }

    public static String describe(OutputFormat format, List<Field> fields) {
        return switch (format) {
            case HUMAN -> BoxTable.render(fields);
            case JSON -> json(object(fields));
            case YAML -> Yaml.object(fields, "");
        };
    }

    public static String list(OutputFormat format, List<List<Field>> items, List<String> emptyHeaders) {
        switch (format) {
            case HUMAN -> {
                List<String> headers = items.isEmpty() ? emptyHeaders
                        : items.get(0).stream().map(Field::label).toList();
                List<List<String>> rows = new ArrayList<>();
                for (List<Field> item : items) {
                    rows.add(item.stream().map(f -> f.value() == null ? "" : f.value()).toList());
                }
                return ListTable.render(headers, rows);
            }
            case JSON -> {
                ArrayNode array = MAPPER.createArrayNode();
                items.forEach(item -> array.add(object(item)));
                return json(array);
            }
            case YAML -> {
                if (items.isEmpty()) {
                    return "[]\n";
                }
                StringBuilder out = new StringBuilder();
                for (List<Field> item : items) {
                    String body = Yaml.object(item, "  ");
                    out.append("- ").append(body.substring(2));
                }
                return out.toString();
            }
            default -> throw new IllegalStateException(format.name());
        }
    }

    private static ObjectNode object(List<Field> fields) {
        ObjectNode o = MAPPER.createObjectNode();
        fields.forEach(f -> o.put(f.jsonKey(), f.value()));
        return o;
    }

    private static String json(Object node) {
        try {
            return MAPPER.writer(PRETTY).writeValueAsString(node) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
