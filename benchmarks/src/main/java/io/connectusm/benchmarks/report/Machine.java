package io.connectusm.benchmarks.report;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * What every result block states about where and when it was measured: cores, memory, JDK, the date, and the
 * load average (the machine is shared, so a figure without its load average cannot be judged). Stateless.
 */
public final class Machine {

    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private Machine() {
    }

    /** The 1-minute load average now, or -1 where the platform has none. */
    public static double loadAverage() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    /** An instant to the minute, in UTC. */
    public static String minute(Instant instant) {
        return MINUTE.format(instant);
    }

    /** {@code 2 cores, 23 GiB, OpenJDK 17.0.15 (17.0.15+6-Debian-1deb12u1)}. */
    public static String description() {
        return String.format(Locale.ROOT, "%d cores, %d GiB, %s %s (%s)", Runtime.getRuntime().availableProcessors(),
                memoryGiB(), System.getProperty("java.vm.name").contains("OpenJDK") ? "OpenJDK" : System.getProperty(
                        "java.vm.name"), System.getProperty("java.version"), System.getProperty("java.vm.version"));
    }

    private static long memoryGiB() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (line.startsWith("MemTotal:")) {
                    long kib = Long.parseLong(line.replaceAll("[^0-9]", ""));
                    return Math.round(kib / 1024.0 / 1024.0);
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux: fall through
        }
        return -1;
    }
}
