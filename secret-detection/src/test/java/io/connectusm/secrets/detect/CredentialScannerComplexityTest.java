package io.connectusm.secrets.detect;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.IntFunction;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Inputs written against each detector's scanning (the shapes that make backtracking regexes or naive rescans
 * quadratic): scanning 16 times the input must cost well under 16² = 256 times as much. Measured in this thread's
 * CPU time, the best of seven alternating runs of each size after a warm-up, so that other processes on the machine
 * do not skew the ratio; a linear scanner comes out near 16 (or lower), a quadratic one near 256, and the bound (64)
 * sits between.
 */
class CredentialScannerComplexityTest {

    private static final int SMALL = 4_000;
    private static final int FACTOR = 16;
    private static final double MAX_RATIO = 64;

    private static final Map<String, IntFunction<String>> ADVERSARIES = new LinkedHashMap<>();

    static {
        ADVERSARIES.put("one long word", n -> "a".repeat(n));
        ADVERSARIES.put("at signs", n -> "@".repeat(n));
        ADVERSARIES.put("scheme then at signs", n -> "https://" + "a@".repeat(n / 2));
        ADVERSARIES.put("user-info without host", n -> "https://u:" + "p@@".repeat(n / 3));
        ADVERSARIES.put("many schemes", n -> "a://".repeat(n / 4));
        ADVERSARIES.put("ipv6 brackets", n -> "https://u:p@[" + "@[".repeat(n / 2));
        ADVERSARIES.put("colons and slashes", n -> "a:b/".repeat(n / 4) + "@");
        ADVERSARIES.put("oracle-like", n -> "a/b".repeat(n / 3) + "@h");
        ADVERSARIES.put("assignments", n -> "password=".repeat(n / 9));
        ADVERSARIES.put("spaced assignments", n -> "password = ".repeat(n / 11));
        ADVERSARIES.put("unclosed quotes", n -> "password=\"".repeat(n / 10));
        ADVERSARIES.put("quotes and spaces", n -> "password\" \"".repeat(n / 11));
        ADVERSARIES.put("nested brackets", n -> "secret:" + "{[".repeat(n / 2));
        ADVERSARIES.put("long key word", n -> "x".repeat(n) + "password=1");
        ADVERSARIES.put("dotted key word", n -> "a.".repeat(n / 2) + "=1");
        ADVERSARIES.put("pem begins", n -> "-----BEGIN RSA PRIVATE KEY-----".repeat(n / 31));
        ADVERSARIES.put("dashes", n -> "-".repeat(n));
        ADVERSARIES.put("jwt starts", n -> "eyJ_".repeat(n / 4) + ".eyJhbGciOiJub25lIn0.");
        ADVERSARIES.put("jwt dots", n -> "eyJhbGciOiJub25lIn0.".repeat(n / 20));
        ADVERSARIES.put("der starts", n -> " MIIE".repeat(n / 5));
        ADVERSARIES.put("base64", n -> "QUJD".repeat(n / 4));
        ADVERSARIES.put("token prefixes", n -> "xoxb-".repeat(n / 5));
        ADVERSARIES.put("sendgrid dots", n -> "SG.".repeat(n / 3));
        ADVERSARIES.put("aws candidates", n -> "aws " + "A1b/".repeat(n / 4));
        ADVERSARIES.put("bearer words", n -> "Bearer ".repeat(n / 7));
        ADVERSARIES.put("xml tags", n -> "<password>".repeat(n / 10));
        ADVERSARIES.put("escaped quotes", n -> "password=\\\"".repeat(n / 11));
    }

    @TestFactory
    Stream<DynamicTest> costGrowsLinearlyWithInputSize() {
        return ADVERSARIES.entrySet().stream().map(e -> DynamicTest.dynamicTest(e.getKey(), () -> {
            String small = e.getValue().apply(SMALL);
            String large = e.getValue().apply(SMALL * FACTOR);
            assertThat(large.length()).isGreaterThan(small.length() * (FACTOR - 1));
            for (CredentialScanner.Mode mode : CredentialScanner.Mode.values()) {
                double ratio = costRatio(small, large, mode);
                assertThat(ratio).as("%s in %s mode: cost ratio for %dx the input", e.getKey(), mode, FACTOR)
                        .isLessThan(MAX_RATIO);
            }
        }));
    }

    /**
     * The best (lowest) CPU time of each size, measured in alternation after a warm-up of both, so that a burst of
     * load on the machine cannot fall on one size only.
     */
    private static double costRatio(String small, String large, CredentialScanner.Mode mode) {
        cpuNanos(small, mode);
        cpuNanos(large, mode);
        long bestSmall = Long.MAX_VALUE;
        long bestLarge = Long.MAX_VALUE;
        for (int round = 0; round < 7; round++) {
            bestSmall = Math.min(bestSmall, cpuNanos(small, mode));
            bestLarge = Math.min(bestLarge, cpuNanos(large, mode));
        }
        return (double) bestLarge / Math.max(1, bestSmall);
    }

    private static long cpuNanos(String text, CredentialScanner.Mode mode) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long start = threads.getCurrentThreadCpuTime();
        for (int repeat = 0; repeat < 3; repeat++) {
            CredentialScanner.instance().scan(text, mode, false);
        }
        return threads.getCurrentThreadCpuTime() - start;
    }
}
