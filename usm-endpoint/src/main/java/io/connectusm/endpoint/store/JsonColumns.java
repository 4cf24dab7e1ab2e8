package io.connectusm.endpoint.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.connectusm.events.ChangeActor;
import io.connectusm.events.ConnectorState;
import io.connectusm.events.PluginDescriptor;
import io.connectusm.events.TaskSnapshot;

/**
 * The shapes of the JSON text columns (tasks, masked config and key names, config diffs, plugin lists, merge state): our own,
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

    /**
     * A connector's merge state ({@code merge_json}): {@code connector} and {@code tasks} (by task ID) the reports
     * ({@code by}, {@code at}), {@code dissent} per worker ({@code since}, {@code against}), {@code fingerprints}
     * oldest first, {@code causal} stamp ({@code time}, {@code epoch}, {@code sequence}), {@code stamped_by},
     * {@code deleted_by}. {@code null} reads as {@link MergeState#NONE}.
     */
    static String merge(MergeState m) {
        ObjectNode o = MAPPER.createObjectNode();
        if (m.connector() != null) {
            report(o.putObject("connector"), m.connector());
        }
        ObjectNode tasks = o.putObject("tasks");
        m.tasks().forEach((id, r) -> report(tasks.putObject(String.valueOf(id)), r));
        ObjectNode dissent = o.putObject("dissent");
        m.dissent().forEach((worker, d) -> {
            ObjectNode n = dissent.putObject(worker).put("since", d.since().toString());
            d.against().forEach(n.putArray("against")::add);
        });
        m.fingerprints().forEach(o.putArray("fingerprints")::add);
        if (m.causal() != null) {
            o.putObject("causal").put("time", m.causal().time().toString()).put("epoch", m.causal().epoch().toString())
                    .put("sequence", m.causal().sequence());
        }
        o.put("stamped_by", m.stampedBy());
        m.deletedBy().forEach(o.putArray("deleted_by")::add);
        return write(o);
    }

    static MergeState merge(String json) {
        if (json == null) {
            return MergeState.NONE;
        }
        JsonNode o = tree(json);
        Map<Integer, MergeState.Report> tasks = new TreeMap<>();
        o.path("tasks").fields().forEachRemaining(e -> tasks.put(Integer.valueOf(e.getKey()), report(e.getValue())));
        Map<String, MergeState.Dissent> dissent = new TreeMap<>();
        o.path("dissent").fields().forEachRemaining(e -> dissent.put(e.getKey(), new MergeState.Dissent(
                Instant.parse(e.getValue().get("since").asText()), new TreeSet<>(texts(e.getValue().path("against"))))));
        JsonNode causal = o.get("causal");
        return new MergeState(o.has("connector") ? report(o.get("connector")) : null, tasks, dissent,
                new ArrayList<>(texts(o.path("fingerprints"))), causal == null ? null : new EventStamp(
                        Instant.parse(causal.get("time").asText()), Instant.parse(causal.get("epoch").asText()),
                        causal.get("sequence").asLong()), textOrNull(o.get("stamped_by")),
                new TreeSet<>(texts(o.path("deleted_by"))));
    }

    private static void report(ObjectNode n, MergeState.Report r) {
        n.put("by", r.by()).put("at", r.at().toString());
    }

    private static MergeState.Report report(JsonNode n) {
        return new MergeState.Report(n.get("by").asText(), Instant.parse(n.get("at").asText()));
    }

    /** The texts of an array, in order . */
    private static LinkedHashSet<String> texts(JsonNode array) {
        LinkedHashSet<String> out = new LinkedHashSet<>();
        array.forEach(n -> out.add(n.asText()));
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
