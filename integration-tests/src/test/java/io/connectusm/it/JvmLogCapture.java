package io.connectusm.it;

import java.io.StringWriter;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.WriterAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.layout.PatternLayout;

/**
 * Every log line of this JVM's {@code io.connectusm} loggers at every level (the agent and the endpoint running
 * in-process), and every other logger's at INFO and above (Netty, H2, the in-process broker), with stack traces —
 * so that a test can look for secrets in them. Unlike testkit's {@code LogCapture}, other loggers are not turned
 * to TRACE: the in-process broker would log every request.
 *
 * <p>Thread-safe (log4j's appender). One per JVM at a time. {@link #close()} removes what {@link #start()} added.
 */
final class JvmLogCapture implements AutoCloseable {

    private static final String OURS = "io.connectusm";

    private final StringWriter out = new StringWriter();
    private final LoggerContext context;
    private final WriterAppender appender;
    private final Level rootLevelBefore;
    private final boolean addedOurs;

    private JvmLogCapture() {
        context = (LoggerContext) LogManager.getContext(false);
        Configuration config = context.getConfiguration();
        appender = WriterAppender.newBuilder().setName("masking-it-" + System.nanoTime()).setTarget(out)
                .setLayout(PatternLayout.newBuilder().withPattern("%p %c - %m%n%throwable").build()).build();
        appender.start();
        config.addAppender(appender);
        LoggerConfig root = config.getRootLogger();
        rootLevelBefore = root.getLevel();
        root.setLevel(Level.INFO);
        root.addAppender(appender, Level.INFO, null);
        LoggerConfig ours = config.getLoggerConfig(OURS);
        addedOurs = !ours.getName().equals(OURS);
        if (addedOurs) {
            ours = LoggerConfig.newBuilder().withLoggerName(OURS).withLevel(Level.ALL).withAdditivity(false)
                    .withConfig(config).build();
            config.addLogger(OURS, ours);
        } else {
            ours.setLevel(Level.ALL);
        }
        ours.addAppender(appender, Level.ALL, null);
        context.updateLoggers();
    }

    static JvmLogCapture start() {
        return new JvmLogCapture();
    }

    /** Everything captured so far. */
    String text() {
        return out.toString();
    }

    @Override
    public void close() {
        Configuration config = context.getConfiguration();
        config.getRootLogger().removeAppender(appender.getName());
        config.getRootLogger().setLevel(rootLevelBefore);
        if (addedOurs) {
            config.removeLogger(OURS);
        } else {
            config.getLoggerConfig(OURS).removeAppender(appender.getName());
        }
        context.updateLoggers();
        appender.stop();
    }
}
