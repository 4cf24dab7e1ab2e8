package io.connectusm.endpoint.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;

import io.connectusm.events.ChangeActor;
import io.connectusm.events.ConnectorState;
import io.connectusm.events.PluginDescriptor;
import io.connectusm.events.TaskSnapshot;

/**
 * The shapes of the JSON text columns (tasks, masked config and key names, config diffs, plugin lists): our own,
 * independent of the wire codec and of the API, since stored rows outlive both. Changing one means a migration.
 * Stateless and thread-safe.
 */
final class JsonColumns {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private JsonColumns() {
    }

    /** The actor of a history row, or {@code null} for none. */
    static String actor(ChangeActor actor) {
        if (actor == null) {
            return null;
        }
        return write(MAPPER.createObjectNode().put("principal", actor.principal())
                .put("client_address", actor.clientAddress()).put("forwarded_for", actor.forwardedFor())
                .put("user_agent", actor.userAgent()).put("request", actor.request())
                .put("forwarded", actor.forwarded()));
    }

    static ChangeActor actor(String json) {
        if (json == null) {
            return null;
        }
        JsonNode a = tree(json);
        return new ChangeActor(textOrNull(a.get("principal")), textOrNull(a.get("client_address")),
                textOrNull(a.get("forwarded_for")), textOrNull(a.get("user_agent")), textOrNull(a.get("request")),
                a.path("forwarded").asBoolean(false));
    }

    static String tasks(List<TaskSnapshot> tasks) {
        ArrayNode array = MAPPER.createArrayNode();
        tasks.stream().sorted(Comparator.comparingInt(TaskSnapshot::id)).forEach(t -> array.addObject()
                .put("id", t.id()).put("state", t.state().name()).put("worker_id", t.workerId())
                .put("trace", t.trace()));
        return write(array);
    }

    static List<TaskSnapshot> tasks(String json) {
        List<TaskSnapshot> tasks = new ArrayList<>();
        if (json == null) {
            return tasks;
        }
        for (JsonNode t : tree(json)) {
            tasks.add(new TaskSnapshot(t.get("id").asInt(), ConnectorState.valueOf(t.get("state").asText()),
                    textOrNull(t.get("worker_id")), textOrNull(t.get("trace"))));
        }
        return tasks;
    }

    static String config(SortedMap<String, String> config) {
        return write(config);
    }

    static SortedMap<String, String> config(String json) {
        return json == null ? new TreeMap<>() : read(json, new TypeReference<TreeMap<String, String>>() { });
    }

    static String keys(SortedSet<String> keys) {
        return write(keys);
    }

    static SortedSet<String> keys(String json) {
        return json == null ? new TreeSet<>() : read(json, new TypeReference<TreeSet<String>>() { });
    }

    static String diff(List<ConfigDiff.Change> diff) {
        ArrayNode array = MAPPER.createArrayNode();
        for (ConfigDiff.Change change : diff) {
            array.addObject().put("key", change.key()).put("change", change.kind().name())
                    .put("old_value", change.oldValue()).put("new_value", change.newValue());
        }
        return write(array);
    }

    static List<ConfigDiff.Change> diff(String json) {
        List<ConfigDiff.Change> out = new ArrayList<>();
        for (JsonNode o : tree(json)) {
            out.add(new ConfigDiff.Change(o.get("key").asText(), ConfigDiff.Kind.valueOf(o.get("change").asText()),
                    textOrNull(o.get("old_value")), textOrNull(o.get("new_value"))));
        }
        return out;
    }

    /** Connect's own names per plugin: {@code class}, {@code type}, {@code version}. */
    static String plugins(List<PluginDescriptor> plugins) {
        ArrayNode array = MAPPER.createArrayNode();
        for (PluginDescriptor p : plugins) {
            array.addObject().put("class", p.className()).put("type", p.type()).put("version", p.version());
        }
        return write(array);
    }

    static List<PluginDescriptor> plugins(String json) {
        List<PluginDescriptor> out = new ArrayList<>();
        for (JsonNode p : tree(json)) {
            out.add(new PluginDescriptor(p.get("class").asText(), p.get("type").asText(),
                    textOrNull(p.get("version"))));
        }
        return out;
    }

    private static String textOrNull(JsonNode node) {
        return node == null || node.isNull() ? null : node.asText();
    }

    private static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static <T> T read(String json, TypeReference<T> type) {
        try {
            return MAPPER.readValue(json, type);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode tree(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
