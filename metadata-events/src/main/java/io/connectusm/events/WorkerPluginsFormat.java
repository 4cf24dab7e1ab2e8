package io.connectusm.events;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * {@link PayloadFormat} of {@link WorkerPlugins}:
 * {@code {"worker_id", "kafka_version", "plugins": [{"class_name", "type", "version"}, …]}}.
 */
final class WorkerPluginsFormat implements PayloadFormat {

    static final String WORKER_ID = "worker_id";
    static final String KAFKA_VERSION = "kafka_version";
    static final String PLUGINS = "plugins";
    static final String CLASS_NAME = "class_name";
    static final String TYPE = "type";
    static final String VERSION = "version";

    private static final Shape.Fields SHAPE = Shape.fields(
            WORKER_ID, Shape.SCALAR,
            KAFKA_VERSION, Shape.SCALAR,
            PLUGINS, Shape.items(
                    Shape.fields(CLASS_NAME, Shape.SCALAR, TYPE, Shape.SCALAR, VERSION, Shape.SCALAR),
                    EventLimits.MAX_PLUGINS, "MAX_PLUGINS"));

    @Override
    public Shape.Fields shape() {
        return SHAPE;
    }

    @Override
    public ObjectNode write(EventPayload payload, JsonNodeFactory nodes) {
        WorkerPlugins plugins = (WorkerPlugins) payload;
        ObjectNode data = nodes.objectNode().put(WORKER_ID, plugins.workerId());
        PayloadFormat.putIfPresent(data, KAFKA_VERSION, plugins.kafkaVersion());
        ArrayNode list = data.putArray(PLUGINS);
        for (PluginDescriptor plugin : plugins.plugins()) {
            ObjectNode item = list.addObject().put(CLASS_NAME, plugin.className()).put(TYPE, plugin.type());
            PayloadFormat.putIfPresent(item, VERSION, plugin.version());
        }
        return data;
    }

    @Override
    public EventPayload read(NodeReader data) {
        List<PluginDescriptor> plugins = new ArrayList<>();
        for (NodeReader plugin : data.requiredObjects(PLUGINS)) {
            plugins.add(new PluginDescriptor(
                    plugin.requiredString(CLASS_NAME), plugin.requiredString(TYPE), plugin.optionalString(VERSION)));
        }
        return new WorkerPlugins(data.requiredString(WORKER_ID), data.optionalString(KAFKA_VERSION), plugins);
    }
}
