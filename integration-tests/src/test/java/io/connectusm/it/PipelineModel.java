package io.connectusm.it;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The model of a seeded random run against Connect: which operation comes next (create, pause, resume, update,
 * delete, restart, on a connector and through a worker chosen by the seed), and the recorder of every change Connect
 * acknowledged (a 2xx answer): the connectors that exist, each one's config versions. The versions travel in a
 * harmless key ({@value #VERSION_KEY}), so the endpoint's history can be checked for each. Not thread-safe.
 */
final class PipelineModel {

    /** The config key whose value is the config version (FileStreamSource reads it, so it is a real config). */
    static final String VERSION_KEY = "batch.size";

    /** What an operation does. */
    enum Kind { CREATE, PAUSE, RESUME, UPDATE, DELETE, RESTART }

    /** One operation: its kind, its connector, the worker (index) whose REST API it goes through. */
    record Operation(Kind kind, String connector, int worker, int version) {
    }

    private final Random random;
    private final int workers;
    private final int maxConnectors;
    private int created;
    private final Map<String, Integer> live = new TreeMap<>();
    private final Map<String, List<Integer>> acknowledgedVersions = new LinkedHashMap<>();
    private final Set<String> deleted = new TreeSet<>();
    private final List<String> log = new ArrayList<>();
    /** Connectors created by the last acknowledged operation on them (the create not followed by anything yet). */
    private final Set<String> justCreated = new TreeSet<>();
    private final Set<String> createdThenChangedAtOnce = new TreeSet<>();

    PipelineModel(long seed, int workers, int maxConnectors) {
        this.random = new Random(seed);
        this.workers = workers;
        this.maxConnectors = maxConnectors;
    }

    /** The next operation, on a live connector when there is one (a create when none or by chance). */
    Operation next() {
        int worker = random.nextInt(workers);
        if (live.isEmpty() || (live.size() < maxConnectors && random.nextInt(5) == 0)) {
            return new Operation(Kind.CREATE, "model-" + created++, worker, 1);
        }
        List<String> names = new ArrayList<>(live.keySet());
        String name = names.get(random.nextInt(names.size()));
        Kind[] onLive = {Kind.PAUSE, Kind.RESUME, Kind.UPDATE, Kind.UPDATE, Kind.DELETE, Kind.RESTART};
        Kind kind = onLive[random.nextInt(onLive.length)];
        return new Operation(kind, name, worker, live.get(name) + 1);
    }

    /** Connect acknowledged {@code op}: the model follows. */
    void acknowledged(Operation op) {
        log.add(op.kind() + " " + op.connector() + " via worker " + op.worker()
                + (op.kind() == Kind.CREATE || op.kind() == Kind.UPDATE ? " v" + op.version() : ""));
        if (justCreated.remove(op.connector()) && (op.kind() == Kind.UPDATE || op.kind() == Kind.DELETE)) {
            createdThenChangedAtOnce.add(op.connector());
        }
        if (op.kind() == Kind.CREATE) {
            justCreated.add(op.connector());
        }
        switch (op.kind()) {
            case CREATE, UPDATE -> {
                live.put(op.connector(), op.version());
                acknowledgedVersions.computeIfAbsent(op.connector(), k -> new ArrayList<>()).add(op.version());
            }
            case DELETE -> {
                live.remove(op.connector());
                deleted.add(op.connector());
            }
            default -> {
            }
        }
    }

    /** Connect refused {@code op} (a rebalance under way): nothing changed; logged. */
    void refused(Operation op, int status) {
        log.add(op.kind() + " " + op.connector() + " via worker " + op.worker() + " refused " + status);
    }

    /** The connectors that exist now. */
    Set<String> live() {
        return live.keySet();
    }

    /** The connectors deleted and not re-created (names are never reused). */
    Set<String> deleted() {
        return deleted;
    }

    /** Every acknowledged config version, by connector, in order. */
    Map<String, List<Integer>> acknowledgedVersions() {
        return acknowledgedVersions;
    }

    /**
     * The config versions no worker can observe, so no history can hold: the first version of a connector whose next
     * operation (right after the create, back to back) replaced its config or deleted it. The extension observes a
     * connector through its status, which Connect writes only once the connector starts; a config replaced before
     * that is never reported (issue #12 item 4, docs/worker-extension.md).
     */
    Map<String, Integer> unobservable() {
        Map<String, Integer> out = new TreeMap<>();
        createdThenChangedAtOnce.forEach(name -> out.put(name, 1));
        return out;
    }

    /** What was done, one line per operation, for a failure's message. */
    List<String> log() {
        return log;
    }
}
