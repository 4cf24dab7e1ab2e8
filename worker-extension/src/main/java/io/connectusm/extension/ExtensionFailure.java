package io.connectusm.extension;

import org.slf4j.Logger;

/**
 * The rule for "the extension cannot work on this worker", and the one ERROR it then logs. Cannot work: a class, a
 * method or a field the worker's JVM or Connect API lacks ({@link LinkageError}: e.g. a JRE image without
 * {@code java.net.http}, a Kafka version without a method), a Connect API method the worker leaves unimplemented
 * ({@link UnsupportedOperationException}), a mismatch found by {@link WorkerConnectApi}. The extension then stays
 * off and the worker runs on; a transient failure (the herder rebalancing, the agent down) is not one of these and
 * is retried.
 *
 * <p>Messages name classes and methods, never a config value. Stateless.
 */
final class ExtensionFailure {

    private ExtensionFailure() {
    }

    /** Whether {@code error} (or what caused it) means the extension cannot work on this worker. */
    static boolean cannotWorkHere(Throwable error) {
        return rootCause(error) != null;
    }

    /** What is missing or failed, for the ERROR line: a class or method name, or the type and message. */
    static String describe(Throwable error) {
        Throwable root = rootCause(error);
        Throwable t = root == null ? error : root; // the root of "cannot work here", not a wrapper around it
        while (t instanceof ExceptionInInitializerError && t.getCause() != null) {
            t = t.getCause();
        }
        String message = t.getMessage();
        if (t instanceof NoClassDefFoundError && message != null) {
            return "class " + message.replace('/', '.') + " is missing (NoClassDefFoundError)";
        }
        if (t instanceof NoSuchMethodError || t instanceof AbstractMethodError) {
            return "method " + message + " is missing (" + t.getClass().getSimpleName() + ")";
        }
        if (t instanceof NoSuchFieldError) {
            return "field " + message + " is missing (NoSuchFieldError)";
        }
        if (t instanceof UnsupportedOperationException && message == null && t.getStackTrace().length > 0) {
            StackTraceElement top = t.getStackTrace()[0];
            return top.getClassName() + "." + top.getMethodName() + " is not supported by this worker";
        }
        if (t instanceof WorkerApiMismatchException) {
            return message;
        }
        return t.getClass().getName() + (message == null ? "" : ": " + message);
    }

    private static Throwable rootCause(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof LinkageError || t instanceof UnsupportedOperationException
                    || t instanceof WorkerApiMismatchException) {
                return t;
            }
        }
        return null;
    }

    /** Logs the one ERROR (the stack trace at DEBUG only). */
    static void logOff(Logger log, String during, Throwable error) {
        log.error("Connector metadata events are OFF on this worker: {} (during {}). The worker runs on without them; "
                + "see docs/worker-extension.md, \"Supported Kafka versions\".", describe(error), during);
        log.debug("What stopped connector metadata events", error);
    }
}
