package io.connectusm.cli.output;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Renders one resource ({@link #describe}), many ({@link #list}) or a nested document ({@link #document}) in the
 * chosen {@link OutputFormat}, as Confluent's CLI does: the box table or the column table for humans (a list
 * sorted field by field, {@code None found.} when empty), JSON or YAML keyed by {@link Field#jsonKey()}
 * ({@code []} for an empty list). Returns text ending in a newline; commands print it. Stateless and thread-safe.
 */
public final class ResultPrinter {

    /** What an empty list prints for humans. */
    public static final String NONE_FOUND = "None found.\n";

    private static final ObjectMapper MAPPER = new ObjectMapper();
    // Go's json.MarshalIndent layout, as Confluent's CLI prints: "key": value, and [] for an empty list.
    private static final DefaultPrettyPrinter PRETTY = new DefaultPrettyPrinter(Separators.createDefaultInstance()
            .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
            .withArrayEmptySeparator("").withObjectEmptySeparator(""))
            .withObjectIndenter(new DefaultIndenter("  ", "\n"))
            .withArrayIndenter(new DefaultIndenter("  ", "\n"));
    /** Confluent's list order: by the first field, then the next, each compared as printed. */
    private static final Comparator<List<Field>> FIELD_BY_FIELD = (a, b) -> {
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            int c = valueOf(a.get(i)).compareTo(valueOf(b.get(i)));
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(a.size(), b.size());
    };

    private ResultPrinter() {
    }

    public static String describe(OutputFormat format, List<Field> fields) {
        List<Field> shown = fields.stream().filter(f -> !f.omitted()).toList();
        return switch (format) {
            case HUMAN -> BoxTable.render(shown);
            case JSON -> json(object(shown));
            case YAML -> Yaml.document(object(shown));
        };
    }

    /** A list, sorted as Confluent sorts its lists; the first item's labels head the table. */
    public static String list(OutputFormat format, List<List<Field>> items) {
        List<List<Field>> sorted = new ArrayList<>(items);
        sorted.sort(FIELD_BY_FIELD);
        return listInOrder(format, sorted);
    }

    /** A list in the given order (a history, newest first). */
    public static String listInOrder(OutputFormat format, List<List<Field>> items) {
        switch (format) {
            case HUMAN -> {
                if (items.isEmpty()) {
                    return NONE_FOUND;
                }
                List<String> headers = items.get(0).stream().map(Field::label).toList();
                boolean[] numeric = new boolean[headers.size()];
                for (int c = 0; c < numeric.length; c++) {
                    numeric[c] = items.get(0).get(c).kind() == Field.Kind.NUMBER;
                }
                List<List<String>> rows = new ArrayList<>();
                for (List<Field> item : items) {
                    rows.add(item.stream().map(ResultPrinter::valueOf).toList());
                }
                return ListTable.render(headers, numeric, rows);
            }
            case JSON, YAML -> {
                ArrayNode array = MAPPER.createArrayNode();
                items.forEach(item -> array.add(object(item)));
                return document(format, array);
            }
            default -> throw new IllegalStateException(format.name());
        }
    }

    /** A nested JSON document as JSON or YAML (humans get tables from the command instead). */
    public static String document(OutputFormat format, JsonNode document) {
        return switch (format) {
            case JSON -> json(document);
            case YAML -> Yaml.document(document);
            case HUMAN -> throw new IllegalArgumentException("a document has no human layout of its own");
        };
    }

    /** The JSON object of {@code fields}, typed by their kinds, optional empty ones left out. */
    public static ObjectNode object(List<Field> fields) {
        ObjectNode o = MAPPER.createObjectNode();
        for (Field f : fields) {
            if (f.omitted()) {
                continue;
            }
            if (f.value() == null) {
                o.putNull(f.jsonKey());
                continue;
            }
            switch (f.kind()) {
                case NUMBER -> o.put(f.jsonKey(), Long.parseLong(f.value()));
                case BOOLEAN -> o.put(f.jsonKey(), Boolean.parseBoolean(f.value()));
                default -> o.put(f.jsonKey(), f.value());
            }
        }
        return o;
    }

    private static String valueOf(Field f) {
        return f.value() == null ? "" : f.value();
    }

    private static String json(JsonNode node) {
        try {
            return MAPPER.writer(PRETTY).writeValueAsString(node) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
