package io.connectusm.cli;

import java.util.List;
import java.util.regex.Pattern;

import org.apache.logging.log4j.Level;

/**
 * How much {@code usm} says about itself, from its global flags as Confluent's CLI counts them: {@code -v} warn,
 * {@code -vv} info, {@code -vvv} debug, {@code -vvvv} trace (every HTTP request with its status), and
 * {@code --unsafe-trace} as {@code -vvvv}. Our trace never logs a header or a body, so it shows no secret despite
 * Confluent's name. Any verbosity, or {@code USM_DEBUG=1}, also prints the stack trace of an error. Read from the
 * arguments themselves, so it applies before and after picocli has parsed them. Immutable.
 *
 * @param count how many {@code v}s
 */
record Verbosity(int count) {

    static final String VERBOSE = "--verbose";
    static final String UNSAFE_TRACE = "--unsafe-trace";
    private static final Pattern SHORT = Pattern.compile("-v+");

    static Verbosity of(List<String> args) {
        int count = 0;
        for (String arg : args) {
            if (arg.equals("--")) {
                break;
            }
            if (SHORT.matcher(arg).matches()) {
                count += arg.length() - 1;
            } else if (arg.equals(VERBOSE)) {
                count++;
            } else if (arg.equals(UNSAFE_TRACE)) {
                count = Math.max(count, 4);
            }
        }
        return new Verbosity(count);
    }

    /** Whether an error's stack trace is printed. */
    boolean stackTraces() {
        return count > 0;
    }

    /** The root log level: warn by default and for {@code -v}, then info, debug, trace. */
    Level level() {
        return switch (count) {
            case 0, 1 -> Level.WARN;
            case 2 -> Level.INFO;
            case 3 -> Level.DEBUG;
            default -> Level.TRACE;
        };
    }
}
