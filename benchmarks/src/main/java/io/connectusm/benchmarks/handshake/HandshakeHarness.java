package io.connectusm.benchmarks.handshake;

import io.connectusm.agent.AgentConfig;
import io.connectusm.agent.AgentConfigLoader;
import io.connectusm.agent.RunningAgent;
import io.connectusm.agent.UsmAgent;
import io.connectusm.benchmarks.BenchAgents;
import io.connectusm.benchmarks.report.Machine;
import io.connectusm.benchmarks.report.Stats;
import io.connectusm.certs.CaSpec;
import io.connectusm.certs.CertificateAuthority;
import io.connectusm.certs.KeyType;
import io.connectusm.certs.LeafFiles;
import io.connectusm.certs.LeafSpec;
import io.connectusm.certs.WriteMode;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * mTLS handshakes per second on the agent's data plane, JDK and OpenSSL (BoringSSL, netty-tcnative) providers, with
 * EC P-256 and RSA 3072 certificates, against {@code openssl s_server} on the same certificates as the reference (run
 * by {@code benchmarks/agent-handshake.sh}). The client is {@code openssl s_time -new} in every case: one full
 * handshake after the other (TLS 1.3, client certificate, the server verifying it), for a fixed time; the three
 * servers are alternated. Each server is started fresh for its run. Prints the result block on stdout.
 *
 * <p>What the figure is: with one client connection at a time on loopback, a handshake's rate is bounded by both
 * sides' crypto on the same cores plus the round trips; the ratio to {@code s_server} on the same certificates shows
 * what the agent's stack (Netty, the provider, its pipeline) adds.
 */
public final class HandshakeHarness {

    private static final Pattern CONNECTIONS = Pattern.compile("(\\d+) connections in ([0-9.]+)s");
    private static final String CLUSTER = "connect-bench";

    /** The three servers of an alternation; the first is the reference. */
    enum Server {
        S_SERVER("openssl s_server"), AGENT_JDK("agent, JDK provider"), AGENT_OPENSSL("agent, OpenSSL provider");

        final String label;

        Server(String label) {
            this.label = label;
        }
    }

    /** The certificates of one key type. */
    private record Pki(KeyType type, LeafFiles server, LeafFiles client) {
    }

    private final Path root;
    private final int seconds;
    private final Map<String, String> failures = new LinkedHashMap<>();

    private HandshakeHarness(Path root, int seconds) {
        this.root = root;
        this.seconds = seconds;
    }

    public static void main(String[] args) throws Exception {
        boolean quick = List.of(args).contains("--quick");
        int alternations = quick ? 1 : 3;
        int seconds = quick ? 2 : 5;
        String command = "benchmarks/agent-handshake.sh" + (quick ? " --quick" : "");
        for (int i = 0; i < args.length - 1; i++) {
            if (args[i].equals("--alternations")) {
                alternations = Integer.parseInt(args[i + 1]);
            } else if (args[i].equals("--seconds")) {
                seconds = Integer.parseInt(args[i + 1]);
            } else if (args[i].equals("--command")) {
                command = args[i + 1];
            }
        }
        Path root = Files.createTempDirectory("agent-handshake-");
        HandshakeHarness harness = new HandshakeHarness(root, seconds);
        Instant begin = Instant.now();
        double loadBegin = Machine.loadAverage();
        List<Double> loads = new ArrayList<>();
        Map<KeyType, Map<Server, List<Double>>> rates = new EnumMap<>(KeyType.class);
        for (KeyType type : KeyType.values()) {
            Pki pki = harness.pki(type);
            Map<Server, List<Double>> byServer = new EnumMap<>(Server.class);
            List<Server> order = new ArrayList<>(List.of(Server.values()));
            for (int alternation = 0; alternation < alternations; alternation++) {
                for (Server server : order) {
                    double rate = harness.measure(pki, server);
                    loads.add(Machine.loadAverage());
                    System.err.printf(Locale.ROOT, "%-8s %-24s %,8.0f handshakes/s  load %.1f%n", type.displayName(),
                            server.label, rate, Machine.loadAverage());
                    byServer.computeIfAbsent(server, s -> new ArrayList<>()).add(rate);
                }
                Collections.rotate(order, -1);
            }
            rates.put(type, byServer);
        }
        System.out.print(harness.report(rates, command, alternations, begin, loadBegin, loads));
    }

    private Pki pki(KeyType type) {
        Path dir = root.resolve(type.name());
        CertificateAuthority ca = CertificateAuthority.create(CaSpec.named("bench CA " + type.displayName())
                .withKeyType(type));
        LeafFiles server = LeafFiles.write(dir.resolve("server"), ca.issue(LeafSpec.server("localhost").dns("localhost")
                .ip("127.0.0.1").keyType(type).build()), ca, WriteMode.FAIL_IF_EXISTS);
        LeafFiles client = LeafFiles.write(dir.resolve("client"), ca.issue(LeafSpec.client(CLUSTER).keyType(type).build()),
                ca, WriteMode.FAIL_IF_EXISTS);
        return new Pki(type, server, client);
    }

    /** Handshakes per second of {@code s_time -new} against a fresh {@code server}. */
    private double measure(Pki pki, Server server) throws Exception {
        if (server == Server.S_SERVER) {
            int port = freePort();
            Process sServer = new ProcessBuilder("openssl", "s_server", "-accept", "127.0.0.1:" + port, "-cert",
                    pki.server().certificatePem().toString(), "-key", pki.server().privateKeyPem().toString(), "-CAfile",
                    pki.server().caPem().toString(), "-Verify", "1", "-quiet", "-naccept", "1000000")
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            try {
                awaitListening(port);
                return sTime(pki, port);
            } finally {
                sServer.destroy();
                if (!sServer.waitFor(5, TimeUnit.SECONDS)) {
                    sServer.destroyForcibly();
                }
            }
        }
        Path spool = Files.createTempDirectory(root, "spool-");
        try (RunningAgent agent = UsmAgent.start(AgentConfigLoader.of(agentConfig(pki, spool,
                server == Server.AGENT_JDK ? "jdk" : "openssl"), Map.of()))) {
            double rate = sTime(pki, agent.dataPort());
            double failed = handshakeFailures(agent.controlPort());
            if (failed > 0) {
                failures.merge(pki.type().displayName() + ", " + server.label, String.format(Locale.ROOT, "%.0f", failed),
                        (a, b) -> a + ", " + b);
            }
            return rate;
        }
    }

    private double sTime(Pki pki, int port) throws IOException, InterruptedException {
        Process sTime = new ProcessBuilder("openssl", "s_time", "-connect", "127.0.0.1:" + port, "-new", "-time",
                Integer.toString(seconds), "-cert", pki.client().certificatePem().toString(), "-key",
                pki.client().privateKeyPem().toString(), "-CAfile", pki.client().caPem().toString(), "-verify", "1")
                .redirectErrorStream(true).start();
        String output = new String(sTime.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!sTime.waitFor(seconds + 30L, TimeUnit.SECONDS)) {
            sTime.destroyForcibly();
            throw new IllegalStateException("s_time did not end");
        }
        Matcher matcher = CONNECTIONS.matcher(output);
        if (!matcher.find()) {
            throw new IllegalStateException("s_time printed no rate: " + output);
        }
        return Long.parseLong(matcher.group(1)) / Double.parseDouble(matcher.group(2));
    }

    private static Map<String, String> agentConfig(Pki pki, Path spool, String provider) throws IOException {
        Path registrations = spool.resolve("registrations.json");
        Files.writeString(registrations, "{\"api_version\":\"usm/v1\",\"kind\":\"ConnectClusterList\","
                + "\"metadata\":{\"total_size\":0},\"data\":[]}");
        Map<String, String> config = BenchAgents.config(pki.server(), spool.resolve("spool"), registrations, provider);
        // s_time opens one connection after the other; the ones it closed may not all be gone yet.
        config.put(AgentConfig.MAX_CONNECTIONS_PER_PEER_CONFIG, "100000");
        return config;
    }

    /** {@code usm_agent_tls_handshake_failures_total}, all reasons. */
    private static double handshakeFailures(int controlPort) throws IOException, InterruptedException {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + controlPort + "/metrics")).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        double failed = 0;
        for (String line : response.body().split("\n")) {
            if (line.startsWith("usm_agent_tls_handshake_failures_total")) {
                failed += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return failed;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static void awaitListening(int port) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                Thread.sleep(20);
            }
        }
        throw new IllegalStateException("s_server did not listen on " + port);
    }

    private String report(Map<KeyType, Map<Server, List<Double>>> rates, String command, int alternations,
            Instant begin, double loadBegin, List<Double> loads) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "Machine: %s; %s – %s; load average %.1f at the start, %.1f–%.1f during the "
                        + "runs. Command: `%s`. Client: `%s`, %d s per run; %d alternation%s of the three servers per key "
                        + "type.%n%n", Machine.description(), Machine.minute(begin), Machine.minute(Instant.now()).substring(11),
                loadBegin, Stats.min(loads), Stats.max(loads), command, opensslVersion(), seconds, alternations,
                alternations == 1 ? "" : "s"));
        out.append("| certificates | openssl s_server, handshakes/s | agent, JDK provider | ratio | agent, OpenSSL provider "
                + "(BoringSSL) | ratio |\n|---|---|---|---|---|---|\n");
        for (Map.Entry<KeyType, Map<Server, List<Double>>> entry : rates.entrySet()) {
            Map<Server, List<Double>> byServer = entry.getValue();
            out.append("| ").append(entry.getKey().displayName()).append(" | ")
                    .append(Stats.spread(byServer.get(Server.S_SERVER), "%,.0f")).append(" |");
            for (Server server : List.of(Server.AGENT_JDK, Server.AGENT_OPENSSL)) {
                List<Double> ratios = new ArrayList<>();
                for (int i = 0; i < byServer.get(server).size(); i++) {
                    ratios.add(byServer.get(server).get(i) / byServer.get(Server.S_SERVER).get(i));
                }
                out.append(' ').append(Stats.spread(byServer.get(server), "%,.0f")).append(" | **")
                        .append(Stats.spread(ratios, "%.2f")).append("** |");
            }
            out.append('\n');
        }
        out.append('\n').append("Median [min–max] over the alternations; ratio to `s_server` of the same alternation. ")
                .append(failures.isEmpty() ? "The agent counted no failed handshake in any run."
                        : "Handshakes the agent counted as failed: " + failures + ".")
                .append('\n');
        return out.toString();
    }

    private static String opensslVersion() {
        try {
            Process version = new ProcessBuilder("openssl", "version").redirectErrorStream(true).start();
            String text = new String(version.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            version.waitFor(5, TimeUnit.SECONDS);
            return "openssl s_time -new (" + text.split(" \\(")[0] + ")";
        } catch (IOException e) {
            return "openssl s_time -new";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "openssl s_time -new";
        }
    }
}
