package io.connectusm.extension;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Sorts a worker JVM's threads into the groups the idle-cost analysis of issue #18 compares, by thread name: the
 * herder's tick thread, the extension's feed consumer, the extension's other threads (observer, sender, HTTP client,
 * herder reader), Kafka's client I/O threads (the worker's producers, admin client, {@code KafkaBasedLog} consumers),
 * Connect's REST server (Jetty's {@code qtp…} pool), the JVM's own Java-visible threads, the JIT compilers, the VM
 * thread and GC workers (read from Linux's per-thread counters: {@code ThreadMXBean} does not show them), and what
 * is left of the process's CPU ({@link #NOT_JAVA}). Stateless.
 */
final class WorkerThreadGroups {

    static final String HERDER = "herder tick";
    static final String FEED = "extension feed consumer";
    static final String EXTENSION = "extension (observer, sender, HTTP)";
    static final String KAFKA_IO = "Kafka client I/O (worker's)";
    static final String REST = "REST server (Jetty)";
    static final String OTHER = "other Java threads";
    static final String JIT = "JIT compilers";
    static final String VM = "VM thread and GC";
    static final String SERVICE = "JVM service threads (JFR sampler, sweeper…)";
    static final String NOT_JAVA = "other (not Java threads)";

    /** The groups in the order the report lists them. */
    static final List<String> ORDER = List.of(HERDER, FEED, EXTENSION, KAFKA_IO, REST, OTHER, JIT, VM, SERVICE,
            NOT_JAVA);

    private static final Map<String, String> PREFIXES = new LinkedHashMap<>();

    static {
        // The feed's thread is connect-usm-metadata-events-feed; its consumer has no background thread of its own.
        PREFIXES.put(ReconcileLoop.THREAD_NAME + "-feed", FEED);
        PREFIXES.put(ReconcileLoop.THREAD_NAME, EXTENSION);
        PREFIXES.put("DistributedHerder", HERDER);
        PREFIXES.put("kafka-producer-network-thread", KAFKA_IO);
        PREFIXES.put("kafka-admin-client-thread", KAFKA_IO);
        PREFIXES.put("KafkaBasedLog Work Thread", KAFKA_IO);
        PREFIXES.put("kafka-coordinator-heartbeat-thread", KAFKA_IO);
        PREFIXES.put("qtp", REST);
    }

    private WorkerThreadGroups() {
    }

    /** The group of a thread with this name. */
    static String of(String threadName) {
        for (Map.Entry<String, String> prefix : PREFIXES.entrySet()) {
            if (threadName.startsWith(prefix.getKey())) {
                return prefix.getValue();
            }
        }
        return OTHER;
    }

    /**
     * The group of a JVM thread that {@code ThreadMXBean} does not show, by its Linux name (15 characters at most),
     * or {@code null} for a Java thread.
     */
    static String ofVmThread(String linuxName) {
        if (linuxName.startsWith("C1 CompilerThre") || linuxName.startsWith("C2 CompilerThre")) {
            return JIT;
        }
        if (linuxName.equals("VM Thread") || linuxName.startsWith("GC Thread") || linuxName.startsWith("G1 ")
                || linuxName.startsWith("VM Periodic")) {
            return VM;
        }
        if (linuxName.startsWith("JFR Thread Samp") || linuxName.startsWith("Sweeper thread")
                || linuxName.startsWith("Service Thread") || linuxName.startsWith("Monitor Deflati")) {
            return SERVICE;
        }
        return null;
    }

    /**
     * Per group, CPU (ns) and bytes allocated between two samples; {@link #NOT_JAVA} gets the process CPU the Java
     * threads do not account for (and no allocation: those threads allocate no Java objects worth counting).
     */
    static Map<String, long[]> spending(WorkerJvmProbe.Sample before, WorkerJvmProbe.Sample after) {
        Map<String, long[]> byGroup = new LinkedHashMap<>();
        ORDER.forEach(group -> byGroup.put(group, new long[2]));
        long javaCpu = 0;
        for (Map.Entry<Long, WorkerJvmProbe.ThreadUse> thread : after.threads().entrySet()) {
            WorkerJvmProbe.ThreadUse now = thread.getValue();
            if (WorkerJvmProbe.Sample.isProbe(now.name())) {
                continue;
            }
            WorkerJvmProbe.ThreadUse earlier = before.threads().get(thread.getKey());
            long cpu = Math.max(0, now.cpuNanos() - (earlier == null ? 0 : earlier.cpuNanos()));
            long allocated = Math.max(0, now.allocatedBytes() - (earlier == null ? 0 : earlier.allocatedBytes()));
            long[] sums = byGroup.get(of(now.name()));
            sums[0] += cpu;
            sums[1] += allocated;
            javaCpu += cpu;
        }
        long vmCpu = 0;
        for (String group : List.of(JIT, VM, SERVICE)) {
            long cpu = Math.max(0, after.vmCpuNanos().getOrDefault(group, 0L) - before.vmCpuNanos().getOrDefault(group, 0L));
            byGroup.get(group)[0] = cpu;
            vmCpu += cpu;
        }
        // Threads that ended in the window are missing from the sums (the harness starts the worker with a fixed
        // number of compiler threads for that reason); what is left is the rest of the process's CPU.
        byGroup.get(NOT_JAVA)[0] = Math.max(0, after.processCpuSince(before) - javaCpu - vmCpu);
        return byGroup;
    }
}
