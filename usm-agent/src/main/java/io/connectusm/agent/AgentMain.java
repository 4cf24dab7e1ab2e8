package io.connectusm.agent;

import java.nio.file.Path;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;

/**
 * Runs the agent as a process: {@code AgentMain --config agent.properties} (keys may also come from
 * {@code USM_AGENT_*} environment variables). Prints one line with the bound ports when started. On
 * SIGTERM it stops gracefully and exits 0. Exit code 2 for a bad config, 1 when start-up fails.
 */
public final class AgentMain {

    /** Printed to standard output once both listeners are bound, followed by the two ports. */
    public static final String STARTED_LINE_PREFIX = "usm-agent started:";

    private AgentMain() {
    }

    public static void main(String[] args) {
        Path configFile = null;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--config") && i + 1 < args.length) {
                configFile = Path.of(args[++i]);
            } else if (args[i].startsWith("--config=")) {
                configFile = Path.of(args[i].substring("--config=".length()));
            } else {
                usage("unknown argument: " + args[i]);
            }
        }
        AgentConfig config;
        try {
            config = configFile == null ? AgentConfigLoader.of(Map.of(), System.getenv())
                    : AgentConfigLoader.load(configFile);
        } catch (ConfigException e) {
            System.err.println("usm-agent: invalid configuration: " + e.getMessage());
            System.exit(2);
            return;
        }
        RunningAgent agent;
        try {
            agent = UsmAgent.start(config);
        } catch (Exception e) {
            System.err.println("usm-agent: cannot start: " + e.getClass().getSimpleName() + ": " + e.getMessage());
            System.exit(1);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            agent.close();
            // SIGTERM would otherwise end the JVM with 143; a clean, drained stop is a success.
            Runtime.getRuntime().halt(0);
        }, "usm-agent-shutdown"));
        System.out.println(STARTED_LINE_PREFIX + " data.port=" + agent.dataPort() + " control.port=" + agent.controlPort());
        System.out.flush();
        try {
            agent.awaitClosed();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void usage(String problem) {
        System.err.println("usm-agent: " + problem);
        System.err.println("usage: usm agent start --config agent.properties");
        System.exit(2);
    }
}
