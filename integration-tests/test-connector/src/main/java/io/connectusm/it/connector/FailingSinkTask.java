package io.connectusm.it.connector;

import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.sink.SinkTask;

import java.util.Collection;
import java.util.Map;

/**
 * The task of {@link FailingSinkConnector}: fails at start when told to, else accepts and drops records. Used by one
 * worker task thread.
 */
public final class FailingSinkTask extends SinkTask {

    public FailingSinkTask() {
    }

    @Override
    public void start(Map<String, String> props) {
        String message = props.getOrDefault(FailingSinkConnector.FAILURE_MESSAGE_CONFIG, "");
        if (!message.isEmpty()) {
            StringBuilder echoed = new StringBuilder(message);
            for (String key : props.getOrDefault(FailingSinkConnector.FAILURE_ECHO_KEYS_CONFIG, "").split(",")) {
                if (!key.isBlank() && props.containsKey(key.trim())) {
                    echoed.append(' ').append(props.get(key.trim()));
                }
            }
            throw new ConnectException(echoed.toString());
        }
    }

    @Override
    public void put(Collection<SinkRecord> records) {
    }

    @Override
    public void stop() {
    }

    @Override
    public String version() {
        return Versions.VERSION;
    }
}
