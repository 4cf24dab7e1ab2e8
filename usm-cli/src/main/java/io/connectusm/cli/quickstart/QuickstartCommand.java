package io.connectusm.cli.quickstart;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code usm quickstart}: the whole pipeline on this machine, with real parts, in one command. See
 * {@code docs/quickstart.md}. Picocli creates one instance per run; not thread-safe.
 */
@Command(name = "quickstart", mixinStandardHelpOptions = true, sortOptions = false,
        usageHelpWidth = QuickstartCommand.HELP_WIDTH,
        description = {
            "Run the whole pipeline on loopback: a KRaft Kafka broker and a distributed Connect worker (child JVMs) "
                + "with the worker extension installed from its plugin ZIP, the agent and the endpoint (in this JVM), "
                + "certificates, API keys and registrations; then sample connectors, one with secrets, that show up "
                + "masked at the endpoint. Ctrl-C stops everything.",
            ""
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  bin/usm quickstart                     # data in ./.usm-quickstart, reused",
            "  bin/usm quickstart --fresh             # start over",
            "  bin/usm quickstart --kafka-port 19092  # when 9092 is taken",
            "  bin/usm quickstart --endpoint-property metrics.port=9464  # alerts: docs"
        })
public final class QuickstartCommand implements Callable<Integer> {

    /** The terminal width its help is laid out for (a test checks that no line is longer). */
    static final int HELP_WIDTH = 80;

    @Spec
    CommandSpec spec;

    @Option(names = "--data-dir", defaultValue = ".usm-quickstart", paramLabel = "DIR",
            description = {"Default: ${DEFAULT-VALUE}", "Where certificates, Kafka data, the endpoint database, "
                    + "credentials and logs go; a second run reuses it."})
    Path dataDir;

    @Option(names = "--fresh", description = "Delete what an earlier quickstart left in --data-dir and start over.")
    boolean fresh;

    @Option(names = "--kafka-port", defaultValue = "9092", paramLabel = "PORT",
            description = "Kafka broker (default: ${DEFAULT-VALUE}).")
    int kafkaPort;

    @Option(names = "--controller-port", defaultValue = "9093", paramLabel = "PORT",
            description = "KRaft controller (default: ${DEFAULT-VALUE}).")
    int controllerPort;

    @Option(names = "--connect-port", defaultValue = "8083", paramLabel = "PORT",
            description = "Connect REST API (default: ${DEFAULT-VALUE}).")
    int connectPort;

    @Option(names = "--agent-port", defaultValue = "10000", paramLabel = "PORT",
            description = "Agent data plane, HTTPS with mTLS (default: ${DEFAULT-VALUE}).")
    int agentPort;

    @Option(names = "--agent-metrics-port", defaultValue = "9999", paramLabel = "PORT",
            description = "Agent health and metrics (default: ${DEFAULT-VALUE}).")
    int agentMetricsPort;

    @Option(names = "--endpoint-port", defaultValue = "8443", paramLabel = "PORT",
            description = "Endpoint page and API, HTTPS (default: ${DEFAULT-VALUE}).")
    int endpointPort;

    @Option(names = "--endpoint-property", paramLabel = "KEY=VALUE",
            description = "An endpoint setting (docs/usm-endpoint.md), repeatable: metrics.port, webhook.NAME.url, "
                    + "webhook.NAME.events, webhook.NAME.secret.file, ... Not one the quickstart sets itself.")
    Map<String, String> endpointProperties = new LinkedHashMap<>();

    @Option(names = "--runtime-dir", paramLabel = "DIR",
            description = "The Kafka runtime that 'mvn package' prepared (default: kafka-runtime next to usm.jar).")
    Path runtimeDir;

    @Override
    public Integer call() throws Exception {
        // The quickstart's own shutdown hook stops the agent and the endpoint, which log while stopping; Log4j's hook
        // would stop logging first. Set before anything here has logged, so before Log4j reads it.
        System.setProperty("log4j.shutdownHookEnabled", "false");
        PrintWriter out = spec.commandLine().getOut();
        KafkaRuntime runtime = runtimeDir == null ? KafkaRuntime.besideThisJar() : new KafkaRuntime(runtimeDir);
        QuickstartPorts ports = new QuickstartPorts(kafkaPort, controllerPort, connectPort, agentPort, agentMetricsPort,
                endpointPort);
        String taken = QuickstartConfigs.ownEndpointKey(endpointProperties.keySet());
        if (taken != null) {
            throw new ParameterException(spec.commandLine(), "--endpoint-property " + taken
                    + ": the quickstart sets this one itself (see --endpoint-port and --data-dir)");
        }
        new Quickstart(new QuickstartLayout(dataDir), ports, runtime, fresh, out, System.console() != null,
                endpointProperties).run();
        return 0;
    }
}
