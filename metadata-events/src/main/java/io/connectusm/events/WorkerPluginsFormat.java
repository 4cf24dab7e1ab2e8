package io.connectusm.events;

import java.io.IOException;
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
    public void write(EventPayload payload, DataWriter out) throws IOException {
        WorkerPlugins plugins = (WorkerPlugins) payload;
        out.string(WORKER_ID, plugins.workerId());
        out.optionalString(KAFKA_VERSION, plugins.kafkaVersion());
        out.objects(PLUGINS, plugins.plugins(), WorkerPluginsFormat::writePlugin);
    }

    private static void writePlugin(PluginDescriptor plugin, DataWriter out) throws IOException {
        out.string(CLASS_NAME, plugin.className());
        out.string(TYPE, plugin.type());
        out.optionalString(VERSION, plugin.version());
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
