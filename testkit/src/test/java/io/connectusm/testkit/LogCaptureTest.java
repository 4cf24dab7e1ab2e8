package io.connectusm.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.util.internal.logging.InternalLogger;
import io.netty.util.internal.logging.InternalLoggerFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * The test configuration (log4j2-test.xml) quiets {@code io.netty} and {@code org.apache.kafka} to WARN, as every
 * module's does; a capture attached to the root logger only (what the modules' copies did) sees none of the lines
 * below. This one must see them all, through the real Netty and Kafka logging paths, and leave the other
 * appenders as they were.
 */
class LogCaptureTest {

    private static final Path FILE_APPENDER = Path.of("target", "log-capture-test.log");
    private static final String SECRET = "kafka-canary-s3cret";

    @Test
    void seesNettyAndKafkaLoggersAtEveryLevelBelowTheirConfiguredOne() {
        InternalLogger netty = InternalLoggerFactory.getInstance("io.netty.handler.ssl.SslHandler");
        assertThat(netty.isDebugEnabled()).as("quiet as configured before the capture").isFalse();
        try (LogCapture logs = new LogCapture()) {
            netty.debug("netty-debug-canary {}", 1);
            netty.trace("netty-trace-canary");
            LoggerFactory.getLogger("org.apache.kafka.clients.NetworkClient").debug("kafka-debug-canary");
            // Kafka's own code: AbstractConfig logs every value at INFO, passwords as [hidden].
            ConfigDef definition = new ConfigDef().define("canary.password", ConfigDef.Type.PASSWORD,
                    ConfigDef.Importance.HIGH, "a password");
            new AbstractConfig(definition, Map.of("canary.password", SECRET), true);
            LoggerFactory.getLogger(LogCaptureTest.class).info("our-info-canary", new IllegalStateException("boom"));

            assertThat(logs.text()).contains("DEBUG io.netty.handler.ssl.SslHandler netty-debug-canary 1")
                    .contains("TRACE io.netty.handler.ssl.SslHandler netty-trace-canary")
                    .contains("DEBUG org.apache.kafka.clients.NetworkClient kafka-debug-canary")
                    .contains("INFO org.apache.kafka.common.config.AbstractConfig AbstractConfig values:")
                    .contains("canary.password = [hidden]")
                    .contains("our-info-canary").contains("java.lang.IllegalStateException: boom")
                    .doesNotContain(SECRET);
        }
        assertThat(netty.isDebugEnabled()).as("levels restored").isFalse();
    }

    @Test
    void seesLoggersThatDoNotReachTheRoot() {
        try (LogCapture logs = new LogCapture()) {
            LoggerFactory.getLogger("io.connectusm.testkit.isolated.Thing").debug("isolated-debug-canary");
            assertThat(logs.lines()).contains("DEBUG io.connectusm.testkit.isolated.Thing isolated-debug-canary");
        }
    }

    @Test
    void leavesTheOtherAppendersAsConfigured() throws Exception {
        InternalLogger netty = InternalLoggerFactory.getInstance("io.netty.channel.Quiet");
        try (LogCapture logs = new LogCapture()) {
            netty.debug("debug-only-for-the-capture");
            netty.warn("warn-for-everyone");
            LoggerFactory.getLogger("io.connectusm.testkit.isolated.Thing").warn("isolated-warn-below-error");
            assertThat(logs.text()).contains("debug-only-for-the-capture").contains("warn-for-everyone")
                    .contains("isolated-warn-below-error");
        }
        String file = Files.readString(FILE_APPENDER);
        assertThat(file).contains("warn-for-everyone").doesNotContain("debug-only-for-the-capture")
                .doesNotContain("isolated-warn-below-error");
    }

    @Test
    void capturesNothingAfterClose() {
        LogCapture logs = new LogCapture();
        logs.close();
        LoggerFactory.getLogger(LogCaptureTest.class).warn("after-close");
        assertThat(logs.text()).doesNotContain("after-close");
        logs.close();
    }
}
