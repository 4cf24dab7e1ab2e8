package io.connectusm.it.connector;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.source.SourceConnector;

import java.util.List;
import java.util.Map;

/**
 * A source connector whose secret, {@value #PASSPHRASE_CONFIG}, is masked only because its {@link ConfigDef}
 * declares it PASSWORD: no sensitive-name pattern matches the key, so a snapshot that shows it masked proves the
 * extension found the connector's {@code ConfigDef} through the worker's plugin loader. Its task produces nothing.
 *
 * <p>Created by the worker; not thread-safe (the worker calls it from one thread).
 */
public final class VaultSourceConnector extends SourceConnector {

    public static final String PASSPHRASE_CONFIG = "vault.passphrase";
    public static final String TOPIC_CONFIG = "topic";
    public static final String POLL_INTERVAL_MS_CONFIG = "poll.interval.ms";

    static final ConfigDef CONFIG_DEF = new ConfigDef()
            .define(PASSPHRASE_CONFIG, Type.PASSWORD, Importance.HIGH, "The secret; masked by its type only.")
            .define(TOPIC_CONFIG, Type.STRING, "vault", Importance.LOW, "Where records would go.")
            .define(POLL_INTERVAL_MS_CONFIG, Type.LONG, 500L, ConfigDef.Range.atLeast(10L), Importance.LOW,
                    "How long a poll waits.");

    private Map<String, String> props;

    public VaultSourceConnector() {
    }

    @Override
    public void start(Map<String, String> props) {
        CONFIG_DEF.parse(props); // a bad config fails the connector, as a real one would
        this.props = props;
    }

    @Override
    public Class<? extends Task> taskClass() {
        return IdleSourceTask.class;
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
