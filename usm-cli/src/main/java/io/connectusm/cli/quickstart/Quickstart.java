package io.connectusm.cli.quickstart;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

import org.apache.kafka.common.Uuid;

import io.connectusm.agent.AgentConfigLoader;
import io.connectusm.agent.RunningAgent;
import io.connectusm.agent.UsmAgent;
import io.connectusm.certs.StorePasswordFile;
import io.connectusm.api.UsmApiClient;
import io.connectusm.cli.login.CliConfigFile;
import io.connectusm.cli.login.CliLogin;
import io.connectusm.endpoint.auth.ApiKeyCredentials;
import io.connectusm.endpoint.auth.ApiRole;
import io.connectusm.endpoint.EndpointConfig;
import io.connectusm.endpoint.UsmEndpoint;
import io.connectusm.endpoint.auth.ApiKeyCredentials;
import io.connectusm.endpoint.auth.ApiRole;

/**
 * Runs the whole pipeline on loopback, in the order each part needs the previous one: certificates, endpoint, API
 * keys, Kafka broker, registrations (through the CLI commands), agent, Connect worker, sample connectors. Prints a
 * progress line per step, then what runs where, then a live line of the agent's event counters until stopped.
 *
 * <p>Lifecycle: {@link #run()} blocks until the JVM shuts down (Ctrl-C, SIGTERM); a shutdown hook stops everything
 * that was started, newest first, child JVMs included, also when the signal comes during start-up. A failed start
 * stops what had started and throws. One instance per command run; not thread-safe apart from the shutdown path.
 */
final class Quickstart {

    private static final int STEPS = 8;
    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration LIVE_LINE_INTERVAL = Duration.ofSeconds(2);

    private final QuickstartLayout layout;
    private final QuickstartPorts ports;
    private final KafkaRuntime runtime;
    private final boolean fresh;
    private final PrintWriter out;
    private final boolean terminal;
    private final Map<String, String> endpointExtra;
    private final Components components = new Components();
    private int step;
    private long stepStarted;

    /** @param endpointExtra endpoint settings the user added ({@code --endpoint-property}), e.g. webhooks, metrics */
    Quickstart(QuickstartLayout layout, QuickstartPorts ports, KafkaRuntime runtime, boolean fresh, PrintWriter out,
               boolean terminal, Map<String, String> endpointExtra) {
        this.endpointExtra = Map.copyOf(endpointExtra);
        this.layout = layout;
        this.ports = ports;
        this.runtime = runtime;
        this.fresh = fresh;
        this.out = out;
        this.terminal = terminal;
    }

    /** Starts everything and blocks until the JVM shuts down. */
    void run() throws Exception {
        JavaCommand java = JavaCommand.current();
        runtime.verified();
        DataDirClaim.Claimed claimed = DataDirClaim.claim(layout, ports);
        int leftovers = claimed.leftovers();
        components.add(claimed.lock());
        Thread hook = new Thread(this::stop, "usm-quickstart-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            Started started = start(java, leftovers);
            printSummary(started);
            printLiveLine();
        } catch (Exception | Error e) {
            if (components.isClosed()) {
                // Ctrl-C during start-up: the shutdown hook stopped what was starting; that is not an error.
                return;
            }
            components.close();
            removeHook(hook);
            throw e;
        }
    }

    /** What the summary prints. */
    private record Started(String endpointUrl, String kafkaClusterId, String usmConnectClusterId, String adminKey,
                           int endpointMetricsPort) {
    }

    private Started start(JavaCommand java, int leftovers) throws Exception {
        boolean reused = layout.prepare(fresh);
        out.println("usm quickstart: data directory " + layout.root() + (reused
                ? " (reusing an earlier run's data; --fresh starts over)" : " (new)"));
        if (leftovers > 0) {
            out.println("  stopped " + leftovers + " JVM(s) that an earlier, killed run of this directory left behind");
        }
        out.flush();
        QuickstartState state = QuickstartState.load(layout.state());
        Files.writeString(layout.childLoggingConfig(), QuickstartConfigs.childLogging());

        begin("certificates (CA, agent, endpoint, Connect workers) in " + layout.certs());
        QuickstartCertificates.ensure(layout, QuickstartConfigs.CONNECT_CLUSTER_ID);
        done();

        begin("usm-endpoint on https://localhost:" + ports.endpoint());
        String keystorePassword = new String(StorePasswordFile.read(
                layout.endpointCerts().resolve(StorePasswordFile.FILE_NAME)));
        UsmEndpoint endpoint = components.add(UsmEndpoint.start(new EndpointConfig(
                QuickstartConfigs.endpointProperties(layout, ports, keystorePassword, endpointExtra))));
        String endpointUrl = "https://localhost:" + endpoint.port();
        done();

        begin("API keys: an admin key for the CLI, an agent key for the agent");
        CliLogin admin = adminCredentials(endpoint, endpointUrl);
        String agentKey = agentCredentials(endpoint);
        done();

        begin("Kafka broker (KRaft) on 127.0.0.1:" + ports.kafka());
        String kafkaClusterId = state.get(QuickstartState.KAFKA_CLUSTER_ID).orElse(Uuid.randomUuid().toString());
        state.put(QuickstartState.KAFKA_CLUSTER_ID, kafkaClusterId);
        KafkaBroker broker = components.add(KafkaBroker.start(layout, runtime, java, ports, kafkaClusterId,
                START_TIMEOUT, components));
        done();

        begin("registering Kafka cluster " + kafkaClusterId + " and Connect cluster "
                + QuickstartConfigs.CONNECT_CLUSTER_ID + " (usm kafka-cluster register, usm connect-cluster register)");
        CliRegistrations.Connection connection = new CliRegistrations.Connection(endpointUrl, admin.apiKey(),
                admin.apiSecret(), admin.caCert(), QuickstartConfigs.ENVIRONMENT);
        UsmApiClient api = EndpointConnectors.client(endpointUrl, admin.apiKey(), admin.apiSecret(), layout.caDir());
        QuickstartRegistrations.Result registrations = QuickstartRegistrations.ensure(api, connection, state,
                kafkaClusterId, QuickstartConfigs.CONNECT_CLUSTER_ID);
        String usmConnectClusterId = registrations.usmConnectClusterId();
        done();
        for (String note : registrations.notes()) {
            out.println("  " + note);
        }
        out.flush();

        begin("usm-agent on https://localhost:" + ports.agent() + " (metrics on 127.0.0.1:" + ports.agentControl()
                + ")");
        // Map.of(): the user's USM_AGENT_* variables are for their own agents, not for this one.
        RunningAgent agent = UsmAgent.start(AgentConfigLoader.of(
                QuickstartConfigs.agentProperties(layout, ports, agentKey), Map.of()));
        components.add(agent);
        done();

        begin("Connect worker on http://127.0.0.1:" + ports.connect() + " with the plugin in " + layout.pluginPath());
        ConnectWorker worker = components.add(ConnectWorker.start(layout, runtime, java, ports, START_TIMEOUT,
                components));
        done();

        begin("sample connectors " + String.join(", ", SampleConnectors.NAMES)
                + ": running at the endpoint, then pause and reconfigure");
        SampleConnectors.create(worker.rest(), layout, broker.bootstrapServers(), START_TIMEOUT, worker.jvm());
        SampleConnectors.awaitAtEndpoint(new EndpointConnectors(api, usmConnectClusterId), START_TIMEOUT,
                worker.jvm());
        SampleConnectors.change(worker.rest(), layout, START_TIMEOUT, worker.jvm());
        done();
        return new Started(endpointUrl, kafkaClusterId, usmConnectClusterId, admin.apiKey(), endpoint.metricsPort());
    }

    private CliLogin adminCredentials(UsmEndpoint endpoint, String endpointUrl) throws IOException {
        String caPem = layout.caDir().resolve("ca.pem").toString();
        Optional<CliLogin> saved = CliConfigFile.load(layout.cliConfig()).login(CliConfigFile.DEFAULT_CONTEXT);
        if (saved.isPresent() && saved.get().apiKey() != null
                && endpoint.apiKeys().list().stream().anyMatch(k -> k.key().equals(saved.get().apiKey()))) {
            // Same key, but the endpoint may listen on another port this time.
            CliLogin updated = new CliLogin(endpointUrl, saved.get().apiKey(), saved.get().apiSecret(), caPem,
                    QuickstartConfigs.ENVIRONMENT);
            CliConfigFile.of(updated).write(layout.cliConfig());
            return updated;
        }
        ApiKeyCredentials created = endpoint.apiKeys().create(ApiRole.ADMIN, "usm quickstart: the CLI");
        CliLogin login = new CliLogin(endpointUrl, created.key(), created.secret(), caPem,
                QuickstartConfigs.ENVIRONMENT);
        CliConfigFile.of(login).write(layout.cliConfig());
        return login;
    }

    private String agentCredentials(UsmEndpoint endpoint) throws IOException {
        Properties saved = new Properties();
        if (Files.isRegularFile(layout.agentCredentials())) {
            try (var reader = Files.newBufferedReader(layout.agentCredentials())) {
                saved.load(reader);
            }
            String key = saved.getProperty(QuickstartConfigs.AGENT_CREDENTIALS_KEY);
            if (key != null && endpoint.apiKeys().list().stream().anyMatch(k -> k.key().equals(key))) {
                return key;
            }
        }
        ApiKeyCredentials created = endpoint.apiKeys().create(ApiRole.AGENT, "usm quickstart: the agent");
        Properties p = new Properties();
        p.setProperty(QuickstartConfigs.AGENT_CREDENTIALS_KEY, created.key());
        p.setProperty(QuickstartConfigs.AGENT_CREDENTIALS_SECRET, created.secret());
        QuickstartState.writePrivate(layout.agentCredentials(), p);
        return created.key();
    }

    private void printSummary(Started s) {
        Path cliConfig = layout.cliConfig();
        String[][] rows = {
            {"Endpoint page", s.endpointUrl() + "/  (log in with the CLI API key below; the browser will not know "
                    + "the quickstart CA " + layout.caDir().resolve("ca.pem") + ")"},
            {"Connectors API", s.endpointUrl() + "/usm/v1/connect-clusters/" + s.usmConnectClusterId() + "/connectors"},
            {"Agent metrics", "http://127.0.0.1:" + ports.agentControl() + "/metrics"},
            {"Endpoint metrics", s.endpointMetricsPort() < 0 ? "off (--endpoint-property metrics.port=PORT)"
                    : "http://127.0.0.1:" + s.endpointMetricsPort() + "/metrics"},
            {"Connect REST", "http://127.0.0.1:" + ports.connect() + "/connectors"},
            {"Kafka", "127.0.0.1:" + ports.kafka() + " (cluster ID " + s.kafkaClusterId() + ")"},
            {"Data directory", layout.root() + " (logs in " + layout.logs() + ")"},
            {"CLI API key", s.adminKey() + " (its secret is in " + cliConfig + ", mode 0600)"},
            {"Try", "USM_CONFIG=" + cliConfig + " bin/usm connect-cluster connector list --connect-cluster "
                    + s.usmConnectClusterId()},
        };
        out.println();
        out.println("usm quickstart is running: Kafka, Connect with the worker extension, the agent and the endpoint.");
        for (String[] row : rows) {
            out.printf("  %-16s %s%n", row[0], row[1]);
        }
        out.println("Press Ctrl-C to stop everything.");
        out.println();
        out.flush();
    }

    /** Prints the agent's counters until the JVM shuts down: in place on a terminal, else a line per change. */
    private void printLiveLine() throws InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        String metricsUrl = "http://127.0.0.1:" + ports.agentControl() + "/metrics";
        String last = "";
        while (!components.isClosed()) {
            String line;
            try {
                line = EventCounters.scrape(http, metricsUrl).line();
            } catch (IOException | RuntimeException e) {
                // The pipeline keeps running whatever the metrics page says; only this line is affected.
                line = "events: cannot read the agent's metrics page (" + e.getClass().getSimpleName() + ")";
            }
            if (terminal) {
                out.print("\r" + line + "   ");
                out.flush();
            } else if (!line.equals(last)) {
                out.println(line);
                out.flush();
            }
            last = line;
            Thread.sleep(LIVE_LINE_INTERVAL.toMillis());
        }
    }

    /** The shutdown hook: stops everything, children included. */
    private void stop() {
        if (components.isClosed()) {
            return;
        }
        out.println();
        out.println("usm quickstart: stopping the Connect worker, the agent, the Kafka broker and the endpoint…");
        out.flush();
        long started = System.nanoTime();
        components.close();
        out.printf("usm quickstart: stopped in %.1f s; the data stays in %s%n",
                (System.nanoTime() - started) / 1e9, layout.root());
        out.flush();
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // already shutting down: the hook is running or has run
        }
    }

    private void begin(String what) {
        step++;
        stepStarted = System.nanoTime();
        out.print("[" + step + "/" + STEPS + "] " + what + " … ");
        out.flush();
    }

    private void done() {
        out.printf("done (%.1f s)%n", (System.nanoTime() - stepStarted) / 1e9);
        out.flush();
    }
}
