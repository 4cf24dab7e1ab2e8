package io.connectusm.it.connector;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.sink.SinkConnector;

import java.util.List;
import java.util.Map;

/**
 * A sink connector whose task fails on demand: with {@value #FAILURE_MESSAGE_CONFIG} set, the task's
 * {@code start()} throws with that message, so the task is FAILED with a trace that names it — a failure the REST
 * API never reports as a change, which the extension's reconcile pass must find. With {@value #FAILURE_ECHO_KEYS_CONFIG}
 * the message also echoes the values of those keys (as resolved by the worker), as drivers echo what they were given:
 * the trace then holds a connector's secrets. With {@value #PUT_FAILURE_MESSAGE_CONFIG} set the task starts and runs,
 * and throws from {@code put()} on the first record it is given: a running sink that fails on data.
 *
 * <p>Created by the worker; not thread-safe (the worker calls it from one thread).
 */
public final class FailingSinkConnector extends SinkConnector {

    public static final String FAILURE_MESSAGE_CONFIG = "failure.message";
    public static final String FAILURE_ECHO_KEYS_CONFIG = "failure.echo.keys";
    public static final String PUT_FAILURE_MESSAGE_CONFIG = "put.failure.message";

    static final ConfigDef CONFIG_DEF = new ConfigDef()
            .define(FAILURE_MESSAGE_CONFIG, Type.STRING, "", Importance.HIGH,
                    "When not empty, every task fails at start with this message.")
            .define(FAILURE_ECHO_KEYS_CONFIG, Type.LIST, "", Importance.LOW,
                    "Keys whose values the failure message echoes after the message, space-separated.")
            .define(PUT_FAILURE_MESSAGE_CONFIG, Type.STRING, "", Importance.HIGH,
                    "When not empty, the task starts, then fails with this message in put() on its first record.");

    private Map<String, String> props;

    public FailingSinkConnector() {
    }

    @Override
    public void start(Map<String, String> props) {
        this.props = props;
    }

    @Override
    public Class<? extends Task> taskClass() {
        return FailingSinkTask.class;
    }

    @Override
    public List<Map<String, String>> taskConfigs(int maxTasks) {
        return List.of(props); // one task, whatever tasks.max says
    }

    @Override
    public void stop() {
    }

    @Override
    public ConfigDef config() {
        return CONFIG_DEF;
    }

    @Override
    public String version() {
        return Versions.VERSION;
    }
}
