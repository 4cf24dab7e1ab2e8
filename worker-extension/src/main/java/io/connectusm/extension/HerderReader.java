package io.connectusm.extension;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The reads that wait for the herder's tick thread (a connector's config, the connector list), which can be
 * busy for seconds stopping or starting tasks: they run on two daemon reader threads, so the observer thread
 * keeps serving REST-triggered rechecks meanwhile. Each read's completion wakes the observer. Each read is one
 * request the tick thread serves between its own work, which is why a pass reads only the configs that may
 * have changed ({@link ReconcileLoop} decides which).
 *
 * <p>Thread-safe. Lifecycle: usable from construction; {@link #close()} interrupts reads under way.
 */
final class HerderReader implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(HerderReader.class);

    /**
     * Every connector's name and the configs read with it; {@code startedAt} orders it against rechecks.
     *
     * @param configs     the configs read, by name: empty when the connector was gone; absent when reading
     *                    failed, or when not asked for
     * @param unread      the names whose config was not asked for this pass (the one held is used)
     * @param herderReads the reads that waited for the herder's tick thread (the list, one per config)
     * @param elapsed     how long the read took (logged at DEBUG per pass)
     */
    static final class FullRead {
        private final Instant startedAt;
        private final List<String> names;
        private final Map<String, Optional<ConnectorConfigView>> configs;
        private final Set<String> unread;
        private final int herderReads;
        private final Duration elapsed;

        FullRead(Instant startedAt, List<String> names, Map<String, Optional<ConnectorConfigView>> configs,
                 Set<String> unread, int herderReads, Duration elapsed) {
            this.startedAt = startedAt;
            this.names = names;
            this.configs = configs;
            this.unread = unread;
            this.herderReads = herderReads;
            this.elapsed = elapsed;
        }

        Instant startedAt() {
            return startedAt;
        }

        List<String> names() {
            return names;
        }

        Map<String, Optional<ConnectorConfigView>> configs() {
            return configs;
        }

        Set<String> unread() {
            return unread;
        }

        int herderReads() {
            return herderReads;
        }

        Duration elapsed() {
            return elapsed;
        }
    }

    private final ConnectorObserver observer;
    private final Runnable onCompletion;
    private final ExecutorService executor;

    /**
     * @param onCompletion called on a reader thread once a read's result is visible ({@code isDone} holds)
     */
    HerderReader(ConnectorObserver observer, Runnable onCompletion, String threadName) {
        this.observer = observer;
        this.onCompletion = onCompletion;
        // Two threads: a full read of every config must not delay the config read of a connector marked by REST.
        this.executor = Executors.newFixedThreadPool(2, runnable -> {
            Thread thread = new Thread(runnable, threadName);
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Reads every connector's name, and the config of those {@code readConfig} selects: each config read is one
     * request to the herder's tick thread, so a pass asks only for those that may have changed.
     */
    Future<FullRead> readAll(Instant startedAt, Predicate<String> readConfig) {
        return onReader(() -> {
            long started = System.nanoTime();
            List<String> names = List.copyOf(observer.connectorNames());
            Map<String, Optional<ConnectorConfigView>> configs = new HashMap<>();
            Set<String> unread = new HashSet<>();
            for (String name : names) {
                if (!readConfig.test(name)) {
                    unread.add(name);
                    continue;
                }
                try {
                    configs.put(name, observer.readConfig(name));
                } catch (RuntimeException e) {
                    // One connector the herder cannot describe right now must not hide the others.
                    log.debug("Cannot read the config of connector {} this pass: {}", name, e.toString());
                }
            }
            return new FullRead(startedAt, names, configs, Set.copyOf(unread), 1 + names.size() - unread.size(),
                    Duration.ofNanos(System.nanoTime() - started));
        });
    }

    /** Reads one connector's config; empty when the connector does not exist. */
    Future<Optional<ConnectorConfigView>> readConfig(String name) {
        return onReader(() -> observer.readConfig(name));
    }

    private <T> Future<T> onReader(Supplier<T> read) {
        CompletableFuture<T> future = CompletableFuture.supplyAsync(read, executor);
        // whenComplete runs once the result is set, so the woken observer sees isDone().
        future.whenComplete((result, error) -> onCompletion.run());
        return future;
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
