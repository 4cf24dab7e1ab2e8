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

    /** What the JVM had spent at one instant; differences of two give rates. */
    record Sample(long nanos, long processCpuNanos, long allocatedBytes, Map<String, Long> threadAllocated,
                  Map<String, Long> threadCpuNanos) {

        long allocatedBy(String namePart) {
            return threadAllocated.getOrDefault(namePart, 0L);
        }

        long cpuOf(String namePart) {
            return threadCpuNanos.getOrDefault(namePart, 0L);
        }
    }

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

    /** Spending so far; per-thread figures summed over the threads whose name contains each of {@code parts}. */
    Sample sample(String... parts) {
        long[] ids = threads.getAllThreadIds();
        ThreadInfo[] infos = threads.getThreadInfo(ids);
        long[] allocated = threads.getThreadAllocatedBytes(ids);
        long[] cpu = threads.getThreadCpuTime(ids);
        Map<String, Long> byPartAllocated = new HashMap<>();
        Map<String, Long> byPartCpu = new HashMap<>();
        for (int i = 0; i < ids.length; i++) {
            if (infos[i] == null) {
                continue;
            }
            for (String part : parts) {
                if (infos[i].getThreadName().contains(part)) {
                    byPartAllocated.merge(part, Math.max(0, allocated[i]), Long::sum);
                    byPartCpu.merge(part, Math.max(0, cpu[i]), Long::sum);
                }
            }
        }
        return new Sample(System.nanoTime(), os.getProcessCpuTime(), threads.getTotalThreadAllocatedBytes(),
                byPartAllocated, byPartCpu);
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
