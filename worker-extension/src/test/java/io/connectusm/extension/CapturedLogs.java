package io.connectusm.extension;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.config.Property;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Captures every log line of this JVM (the embedded workers log here) at the configured levels, with stack
 * traces, so tests can assert what was logged and that no secret ever was.
 */
final class CapturedLogs implements AutoCloseable {

    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final AbstractAppender appender;
    private final LoggerContext context;

    private CapturedLogs() {
        context = (LoggerContext) LogManager.getContext(false);
        appender = new AbstractAppender("captured-" + System.identityHashCode(this), null, null, true,
                Property.EMPTY_ARRAY) {
            @Override
            public void append(LogEvent event) {
                StringBuilder line = new StringBuilder()
                        .append(event.getLevel()).append(' ').append(event.getLoggerName()).append(" - ")
                        .append(event.getMessage().getFormattedMessage());
                if (event.getThrown() != null) {
                    StringWriter trace = new StringWriter();
                    event.getThrown().printStackTrace(new PrintWriter(trace));
                    line.append('\n').append(trace);
                }
                lines.add(line.toString());
            }
        };
        appender.start();
        Configuration configuration = context.getConfiguration();
        // An event reaches every additive ancestor's appenders: attach to the root and to the loggers that stop
        // that climb, so each line is captured exactly once (tests count lines).
        for (LoggerConfig logger : configuration.getLoggers().values()) {
            if (!logger.isAdditive()) {
                logger.addAppender(appender, Level.ALL, null);
            }
        }
        configuration.getRootLogger().addAppender(appender, Level.ALL, null);
        context.updateLoggers();
    }

    static CapturedLogs start() {
        return new CapturedLogs();
    }

    List<String> lines() {
        return List.copyOf(lines);
    }

    String all() {
        return String.join("\n", lines);
    }

    @Override
    public void close() {
        Configuration configuration = context.getConfiguration();
        for (LoggerConfig logger : configuration.getLoggers().values()) {
            logger.removeAppender(appender.getName());
        }
        configuration.getRootLogger().removeAppender(appender.getName());
        context.updateLoggers();
        appender.stop();
    }
}
