package io.connectusm.testkit;

import java.io.StringWriter;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.Appender;
import org.apache.logging.log4j.core.Filter;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.WriterAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.filter.AbstractFilter;
import org.apache.logging.log4j.core.filter.Filterable;
import org.apache.logging.log4j.core.layout.PatternLayout;

/**
 * Captures every log line of the test JVM while open — every logger (ours, {@code io.netty}, {@code org.apache.kafka},
 * whatever the test configuration quiets), every level down to TRACE, with stack traces — so that a test can
 * assert that a secret never reached any log. Format of each line: {@code LEVEL logger message}, then the stack
 * trace if any.
 *
 * <p>How: while open, every logger configuration is set to {@code ALL} (a logger configured at WARN would
 * otherwise drop a DEBUG line before any appender sees it) and the capture is attached to the root and to every
 * non-additive logger configuration; every other appender gets a filter that passes only what the configuration
 * let through before, so the console is not flooded. {@link #close()} restores the levels and removes both.
 *
 * <p>Thread-safe. One capture at a time per JVM (tests that capture must not run in parallel with each other).
 * Lifecycle: {@code try (LogCapture logs = new LogCapture()) { … logs.text() … }}.
 */
public final class LogCapture implements AutoCloseable {

    private final StringWriter out = new StringWriter();
    private final WriterAppender appender;
    private final Map<LoggerConfig, Level> previousLevels = new IdentityHashMap<>();
    private final List<LoggerConfig> attachedTo = new ArrayList<>();
    private final List<Filterable> filtered = new ArrayList<>();
    private final Filter asConfiguredBefore;

    /** Starts capturing. */
    public LogCapture() {
        LoggerContext context = (LoggerContext) LogManager.getContext(false);
        Configuration config = context.getConfiguration();
        appender = WriterAppender.newBuilder().setName("log-capture-" + System.nanoTime()).setTarget(out)
                .setLayout(PatternLayout.newBuilder().withPattern("%p %c %m%n%throwable").build()).build();
        appender.start();

        List<LoggerConfig> loggers = new ArrayList<>(config.getLoggers().values());
        if (!loggers.contains(config.getRootLogger())) {
            loggers.add(config.getRootLogger());
        }
        NavigableMap<String, Level> levels = new TreeMap<>();
        for (LoggerConfig logger : loggers) {
            previousLevels.put(logger, logger.getLevel());
            levels.put(logger.getName(), logger.getLevel());
        }
        asConfiguredBefore = new AsConfiguredBefore(levels);
        for (Appender other : config.getAppenders().values()) {
            if (other instanceof Filterable filterable) {
                filterable.addFilter(asConfiguredBefore);
                filtered.add(filterable);
            }
        }
        for (LoggerConfig logger : loggers) {
            logger.setLevel(Level.ALL);
            if (logger == config.getRootLogger() || !logger.isAdditive()) {
                logger.addAppender(appender, Level.ALL, null);
                attachedTo.add(logger);
            }
        }
        context.updateLoggers();
    }

    /** Everything captured so far. */
    public String text() {
        synchronized (out) {
            return out.toString();
        }
    }

    /** {@link #text()} split into lines. */
    public List<String> lines() {
        return List.of(text().split("\n"));
    }

    /** Stops capturing and restores the configuration as it was. Idempotent. */
    @Override
    public synchronized void close() {
        LoggerContext context = (LoggerContext) LogManager.getContext(false);
        attachedTo.forEach(logger -> logger.removeAppender(appender.getName()));
        attachedTo.clear();
        previousLevels.forEach(LoggerConfig::setLevel);
        previousLevels.clear();
        filtered.forEach(filterable -> filterable.removeFilter(asConfiguredBefore));
        filtered.clear();
        context.updateLoggers();
        appender.stop();
    }

    /**
     * Passes an event only if the logger configuration nearest to its logger (by name, as log4j resolves it) let
     * its level through before the capture started.
     */
    private static final class AsConfiguredBefore extends AbstractFilter {

        private final NavigableMap<String, Level> levels;

        AsConfiguredBefore(NavigableMap<String, Level> levels) {
            super(Result.NEUTRAL, Result.DENY);
            this.levels = levels;
        }

        @Override
        public Result filter(LogEvent event) {
            Level configured = levelFor(event.getLoggerName() == null ? "" : event.getLoggerName());
            return configured == null || event.getLevel().isMoreSpecificThan(configured) ? onMatch : onMismatch;
        }

        private Level levelFor(String loggerName) {
            for (String name = loggerName; ; name = parent(name)) {
                Level level = levels.get(name);
                if (level != null || name.isEmpty()) {
                    return level;
                }
            }
        }

        private static String parent(String name) {
            int dot = name.lastIndexOf('.');
            return dot < 0 ? "" : name.substring(0, dot);
        }
    }
}
