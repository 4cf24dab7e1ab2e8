package io.connectusm.extension;

import com.sun.tools.attach.VirtualMachine;

import javax.management.MBeanServerConnection;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.ThreadInfo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Reads what a worker JVM spends, from outside it: attaches to the process (the JDK's attach API starts its local
 * JMX agent) and reads the platform MXBeans — process CPU, bytes allocated by all threads and by the threads whose
 * name contains a given part (the herder's tick thread, the extension's threads), CPU of those threads, and the
 * live heap after a full GC. A benchmark helper, not a test: the benchmarks' harnesses use it on the worker JVMs
 * they start. Not thread-safe; close it before the worker stops.
 */
final class WorkerJvmProbe implements AutoCloseable {

    /** One thread's spending so far. */
    record ThreadUse(String name, long allocatedBytes, long cpuNanos) {
    }

    /**
     * What the JVM had spent at one instant; differences of two give rates. The per-thread sums leave out the
     * probe's own threads (RMI, JMX, attach), whose allocation is ours, not the worker's.
     */
    record Sample(long nanos, long processCpuNanos, Map<Long, ThreadUse> threads, Map<String, Long> vmCpuNanos) {

        /** Bytes allocated since {@code before} by the worker's threads whose name contains {@code part} ("" = all). */
        long allocatedSince(Sample before, String part) {
            return since(before, part, ThreadUse::allocatedBytes);
        }

        long cpuSince(Sample before, String part) {
            return since(before, part, ThreadUse::cpuNanos);
        }

        /** The process's CPU since {@code before} (GC and JIT threads included) without the probe's own threads. */
        long processCpuSince(Sample before) {
            long probe = 0;
            for (Map.Entry<Long, ThreadUse> thread : threads.entrySet()) {
                if (isProbe(thread.getValue().name())) {
                    ThreadUse earlier = before.threads().get(thread.getKey());
                    probe += Math.max(0, thread.getValue().cpuNanos() - (earlier == null ? 0 : earlier.cpuNanos()));
                }
            }
            return processCpuNanos - before.processCpuNanos() - probe;
        }

        private long since(Sample before, String part, java.util.function.ToLongFunction<ThreadUse> value) {
            long total = 0;
            for (Map.Entry<Long, ThreadUse> thread : threads.entrySet()) {
                String name = thread.getValue().name();
                if (isProbe(name) || !name.contains(part)) {
                    continue;
                }
                ThreadUse earlier = before.threads().get(thread.getKey());
                total += Math.max(0, value.applyAsLong(thread.getValue())
                        - (earlier == null ? 0 : value.applyAsLong(earlier)));
            }
            return total;
        }

        static boolean isProbe(String name) {
            return name.startsWith("RMI ") || name.startsWith("JMX ") || name.equals("Attach Listener");
        }
    }

    /** Linux's USER_HZ, the unit of /proc's CPU counters: 100 on every platform Linux supports today. */
    private static final long CLOCK_TICKS_PER_SECOND = 100;

    private final JMXConnector connector;
    private final com.sun.management.ThreadMXBean threads;
    private final com.sun.management.OperatingSystemMXBean os;
    private final MemoryMXBean memory;
    private final long pid;

    private WorkerJvmProbe(long pid, JMXConnector connector, MBeanServerConnection server) throws IOException {
        this.pid = pid;
        this.connector = connector;
        this.threads = ManagementFactory.newPlatformMXBeanProxy(server, ManagementFactory.THREAD_MXBEAN_NAME,
                com.sun.management.ThreadMXBean.class);
        this.os = ManagementFactory.newPlatformMXBeanProxy(server, ManagementFactory.OPERATING_SYSTEM_MXBEAN_NAME,
                com.sun.management.OperatingSystemMXBean.class);
        this.memory = ManagementFactory.newPlatformMXBeanProxy(server, ManagementFactory.MEMORY_MXBEAN_NAME,
                MemoryMXBean.class);
    }

    static WorkerJvmProbe attach(long pid) throws Exception {
        VirtualMachine vm = VirtualMachine.attach(String.valueOf(pid));
        String address;
        try {
            address = vm.startLocalManagementAgent();
        } finally {
            vm.detach();
        }
        JMXConnector connector = JMXConnectorFactory.connect(new JMXServiceURL(address));
        return new WorkerJvmProbe(pid, connector, connector.getMBeanServerConnection());
    }

    /** Spending so far. */
    Sample sample() {
        long[] ids = threads.getAllThreadIds();
        ThreadInfo[] infos = threads.getThreadInfo(ids);
        long[] allocated = threads.getThreadAllocatedBytes(ids);
        long[] cpu = threads.getThreadCpuTime(ids);
        Map<Long, ThreadUse> byId = new HashMap<>();
        for (int i = 0; i < ids.length; i++) {
            if (infos[i] != null) {
                byId.put(ids[i], new ThreadUse(infos[i].getThreadName(), Math.max(0, allocated[i]), Math.max(0, cpu[i])));
            }
        }
        return new Sample(System.nanoTime(), os.getProcessCpuTime(), byId, vmThreadsCpu());
    }

    /**
     * CPU of the JVM's own threads that {@code ThreadMXBean} does not show (the JIT compilers, the VM thread, which
     * runs the serial GC and safepoint work, GC workers), by {@link WorkerThreadGroups} group, in ns: summed from
     * Linux's per-thread counters ({@code /proc/<pid>/task/<tid>/stat}, clock ticks), matched by thread name. Empty
     * where there is no {@code /proc}.
     */
    private Map<String, Long> vmThreadsCpu() {
        Map<String, Long> byGroup = new HashMap<>();
        Path tasks = Path.of("/proc", String.valueOf(pid), "task");
        try (var dirs = Files.list(tasks)) {
            for (Path task : (Iterable<Path>) dirs::iterator) {
                try {
                    String group = WorkerThreadGroups.ofVmThread(Files.readString(task.resolve("comm")).trim());
                    if (group == null) {
                        continue;
                    }
                    String stat = Files.readString(task.resolve("stat"));
                    // Fields after the ")" that closes the name: state is the 3rd field, utime the 14th, stime the 15th.
                    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
                    byGroup.merge(group, ticks * 1_000_000_000L / CLOCK_TICKS_PER_SECOND, Long::sum);
                } catch (IOException | RuntimeException e) {
                    // the thread ended between the listing and the read
                }
            }
        } catch (IOException e) {
            return Map.of();
        }
        return byGroup;
    }

    /** The heap in use after two full GCs: what is retained. */
    long liveHeapBytes() {
        memory.gc();
        memory.gc();
        return memory.getHeapMemoryUsage().getUsed();
    }

    /** Runs {@code jcmd <pid> args...} (JFR.start, GC.class_histogram) and returns its output. */
    String jcmd(String... args) throws IOException, InterruptedException {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        String[] command = new String[args.length + 2];
        command[0] = jcmd.toString();
        command[1] = String.valueOf(pid);
        System.arraycopy(args, 0, command, 2, args.length);
        Path out = Files.createTempFile("jcmd", ".txt");
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile()).start();
            process.waitFor();
            return Files.readString(out);
        } finally {
            Files.deleteIfExists(out);
        }
    }

    @Override
    public void close() throws IOException {
        connector.close();
    }
}
