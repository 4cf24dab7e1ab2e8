package io.connectusm.it.connector;

import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.sink.SinkTask;

import java.util.Collection;
import java.util.Map;

/**
 * The task of {@link FailingSinkConnector}: fails at start or on its first record when told to, else accepts and drops
 * records. Used by one
 * worker task thread.
 */
public final class FailingSinkTask extends SinkTask {

    private String putFailure = "";

    public FailingSinkTask() {
    }

    @Override
    public void start(Map<String, String> props) {
        putFailure = props.getOrDefault(FailingSinkConnector.PUT_FAILURE_MESSAGE_CONFIG, "");
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
        if (!putFailure.isEmpty() && !records.isEmpty()) {
            throw new ConnectException(putFailure);
        }
    }

    @Override
    public void stop() {
    }

    @Override
    public String version() {
        return Versions.VERSION;
    }
}
