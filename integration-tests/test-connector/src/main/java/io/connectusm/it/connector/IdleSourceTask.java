package io.connectusm.it.connector;

import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.SourceTask;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The task of {@link VaultSourceConnector}: waits {@code poll.interval.ms} per poll and produces nothing, returning
 * at once when stopped. Thread-safe as the worker uses it (poll on the task thread, stop from another).
 */
public final class IdleSourceTask extends SourceTask {

    private final CountDownLatch stopped = new CountDownLatch(1);
    private long pollIntervalMs;

    public IdleSourceTask() {
    }

    @Override
    public void start(Map<String, String> props) {
        pollIntervalMs = (Long) VaultSourceConnector.CONFIG_DEF.parse(props)
                .get(VaultSourceConnector.POLL_INTERVAL_MS_CONFIG);
    }

    @Override
    public List<SourceRecord> poll() throws InterruptedException {
        stopped.await(pollIntervalMs, TimeUnit.MILLISECONDS);
        return null;
    }

    @Override
    public void stop() {
        stopped.countDown();
    }

    @Override
    public String version() {
        return Versions.VERSION;
    }
}
