package io.connectusm.cli.agent;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

import org.apache.kafka.common.config.ConfigException;

import io.connectusm.agent.AgentConfig;
import io.connectusm.agent.AgentConfigLoader;
import io.connectusm.agent.RunningAgent;
import io.connectusm.agent.UsmAgent;
import io.connectusm.cli.output.CommandRunner;
import io.connectusm.cli.output.UsmCliException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code usm agent start --config agent.properties}: serves until the process is stopped. On Ctrl-C or SIGTERM the
 * agent stops accepting, drains in-flight requests and flushes its spool before the JVM exits.
 */
@Command(name = "start",
        description = {
            "Start the agent; it runs until stopped (Ctrl-C or SIGTERM drain in-flight requests, then it exits).",
            "Every key may also come from USM_AGENT_<KEY> (upper case, dots as underscores), which wins over the "
                + "file; with no --config, the environment alone configures it. Keys: docs/usm-agent.md."
        },
        footerHeading = "%nExample:%n",
        footer = {"  usm agent start --config " + AgentStartCommand.SAMPLE})
final class AgentStartCommand implements Callable<Integer> {

    /** The sample configuration of the repository, as the help names it. */
    static final String SAMPLE = "config-samples/usm-agent.properties";

    @Spec
    CommandSpec spec;

    @Option(names = "--config", paramLabel = "FILE", description = "Agent properties file.")
    Path configFile;

    @Override
    public Integer call() throws Exception {
        CountDownLatch stopped = new CountDownLatch(1);
        int rc = CommandRunner.run(spec, () -> {
            RunningAgent agent = UsmAgent.start(config(System.getenv()));
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                agent.close();
                stopped.countDown();
                // SIGTERM would otherwise end the JVM with 143; a drained, flushed stop is a success, and
                // orchestrators (Kubernetes, systemd) read a non-zero exit as a crash.
                Runtime.getRuntime().halt(0);
            }, "usm-agent-shutdown"));
            return "usm-agent listening: data plane port " + agent.dataPort() + " (mTLS), control plane port "
                    + agent.controlPort() + " (/healthz, /readyz, /metrics, /v1/clusters)\n";
        });
        if (rc == 0) {
            stopped.await();
        }
        return rc;
    }

    AgentConfig config(Map<String, String> environment) {
        if (configFile != null && !Files.isReadable(configFile)) {
            throw new UsmCliException("--config " + configFile + ": no such readable file");
        }
        try {
            return configFile == null ? AgentConfigLoader.of(Map.of(), environment)
                    : AgentConfigLoader.load(configFile, environment);
        } catch (ConfigException e) {
            throw new UsmCliException("bad agent configuration: " + e.getMessage());
        }
    }
}
