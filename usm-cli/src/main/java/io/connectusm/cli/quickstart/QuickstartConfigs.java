package io.connectusm.cli.quickstart;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import io.connectusm.certs.LeafFiles;
import io.connectusm.certs.StorePasswordFile;

/**
 * The configuration of every quickstart component, as text or maps and nothing else, so tests can check it without
 * starting anything. Store passwords appear only as {@code ${file:…/jksPassword.txt:jksPassword}} references, never
 * as values. Stateless.
 */
final class QuickstartConfigs {

    /** The Connect cluster ID: the workers' {@code group.id}, the CN of their certificate, the registered ID. */
    static final String CONNECT_CLUSTER_ID = "connect-quickstart";
    /** The endpoint environment everything of the quickstart is registered in. */
    static final String ENVIRONMENT = "env-quickstart";
    static final String AGENT_CREDENTIALS_SECRET = "api.secret";
    static final String AGENT_CREDENTIALS_KEY = "api.key";

    private QuickstartConfigs() {
    }

    /** A KRaft combined broker and controller, single node, every internal topic with replication factor 1. */
    static String brokerProperties(QuickstartLayout layout, QuickstartPorts ports) {
        return String.join("\n",
                "# usm quickstart: one KRaft node that is both broker and controller, loopback only.",
                "process.roles=broker,controller",
                "node.id=1",
                "controller.quorum.voters=1@127.0.0.1:" + ports.controller(),
                "listeners=PLAINTEXT://127.0.0.1:" + ports.kafka() + ",CONTROLLER://127.0.0.1:" + ports.controller(),
                "advertised.listeners=PLAINTEXT://127.0.0.1:" + ports.kafka(),
                "controller.listener.names=CONTROLLER",
                "inter.broker.listener.name=PLAINTEXT",
                "listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT",
                "log.dirs=" + layout.kafkaData(),
                "num.partitions=1",
                "offsets.topic.replication.factor=1",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "share.coordinator.state.topic.replication.factor=1",
                "share.coordinator.state.topic.min.isr=1",
                "group.initial.rebalance.delay.ms=0",
                "") ;
    }

    /**
     * A distributed Connect worker with the plugin installed in {@code plugin.path} and the metadata events block of
     * the USM documentation, its passwords read through the {@code file} config provider.
     */
    static String workerProperties(QuickstartLayout layout, QuickstartPorts ports) {
        Path certs = layout.connectCerts();
        String password = "${file:" + certs.resolve(StorePasswordFile.FILE_NAME) + ":" + StorePasswordFile.KEY + "}";
        return String.join("\n",
                "# usm quickstart: a distributed Connect worker (one of a cluster of one).",
                "bootstrap.servers=127.0.0.1:" + ports.kafka(),
                "# The Connect cluster ID that USM knows this cluster by.",
                "group.id=" + CONNECT_CLUSTER_ID,
                "config.storage.topic=" + CONNECT_CLUSTER_ID + "-configs",
                "offset.storage.topic=" + CONNECT_CLUSTER_ID + "-offsets",
                "status.storage.topic=" + CONNECT_CLUSTER_ID + "-status",
                "config.storage.replication.factor=1",
                "offset.storage.replication.factor=1",
                "status.storage.replication.factor=1",
                "offset.flush.interval.ms=5000",
                "key.converter=org.apache.kafka.connect.storage.StringConverter",
                "value.converter=org.apache.kafka.connect.storage.StringConverter",
                "listeners=http://127.0.0.1:" + ports.connect(),
                "rest.advertised.host.name=127.0.0.1",
                "rest.advertised.port=" + ports.connect(),
                "# The worker-extension plugin is unzipped here, as an operator installs it.",
                "plugin.path=" + layout.pluginPath(),
                "# Every plugin here ships its ServiceLoader manifest (Kafka's own since 3.6, and the extension's),",
                "# so the worker need not scan every class of every jar: it starts seconds sooner.",
                "plugin.discovery=service_load",
                "# Apache Kafka loads only the REST extensions listed here.",
                "rest.extension.classes=io.connectusm.extension.MetadataEventsRestExtension",
                "# Resolves the ${file:...} references below, so no password is written in this file.",
                "config.providers=file",
                "config.providers.file.class=org.apache.kafka.common.config.provider.FileConfigProvider",
                "",
                "# The metadata events block of the USM documentation ('Configure Connect workers for metadata sync').",
                "confluent.connect.metadata.events.enabled=true",
                "confluent.connect.metadata.events.client.base.url=https://localhost:" + ports.agent(),
                "confluent.connect.metadata.events.ssl.key.password=" + password,
                "confluent.connect.metadata.events.ssl.keystore.location=" + certs.resolve(LeafFiles.KEYSTORE),
                "confluent.connect.metadata.events.ssl.keystore.password=" + password,
                "confluent.connect.metadata.events.ssl.protocol=TLSv1.2",
                "confluent.connect.metadata.events.ssl.truststore.location=" + certs.resolve(LeafFiles.TRUSTSTORE),
                "confluent.connect.metadata.events.ssl.truststore.password=" + password,
                "");
    }

    /** The agent: mTLS data plane, loopback control plane, forwarding to the endpoint with the agent API key. */
    static Map<String, String> agentProperties(QuickstartLayout layout, QuickstartPorts ports, String agentApiKey) {
        Path certs = layout.agentCerts();
        String password = "${file:" + certs.resolve(StorePasswordFile.FILE_NAME) + ":" + StorePasswordFile.KEY + "}";
        Map<String, String> p = new LinkedHashMap<>();
        p.put("agent.id", "quickstart-agent");
        p.put("data.listener.host", "127.0.0.1");
        p.put("data.listener.port", Integer.toString(ports.agent()));
        p.put("control.listener.host", "127.0.0.1");
        p.put("control.listener.port", Integer.toString(ports.agentControl()));
        p.put("ssl.keystore.location", certs.resolve(LeafFiles.KEYSTORE).toString());
        p.put("ssl.keystore.password", password);
        p.put("ssl.truststore.location", certs.resolve(LeafFiles.TRUSTSTORE).toString());
        p.put("ssl.truststore.password", password);
        p.put("identity.mode", "cluster");
        p.put("spool.dir", layout.agentSpool().toString());
        p.put("endpoint.url", "https://localhost:" + ports.endpoint());
        p.put("endpoint.environment", ENVIRONMENT);
        p.put("endpoint.api.key", agentApiKey);
        p.put("endpoint.api.secret", "${file:" + layout.agentCredentials() + ":" + AGENT_CREDENTIALS_SECRET + "}");
        // The agent's trust store holds the quickstart CA, which also signed the endpoint's certificate.
        p.put("endpoint.ssl.truststore.location", certs.resolve(LeafFiles.TRUSTSTORE).toString());
        p.put("endpoint.ssl.truststore.password", password);
        // Registrations made while the quickstart runs reach the agent within seconds rather than a minute.
        p.put("registrations.refresh.interval.ms", "5000");
        return p;
    }

    /**
     * The endpoint's properties with the user's {@code extra} settings ({@code --endpoint-property}: webhooks,
     * metrics) added; {@code extra} must not hold a key the quickstart sets ({@link #ownEndpointKey}).
     */
    static Map<String, String> endpointProperties(QuickstartLayout layout, QuickstartPorts ports,
                                                  String keystorePassword, Map<String, String> extra) {
        Map<String, String> p = endpointProperties(layout, ports, keystorePassword);
        if (ownEndpointKey(extra.keySet()) != null) {
            throw new IllegalArgumentException("the quickstart sets " + ownEndpointKey(extra.keySet()) + " itself");
        }
        p.putAll(extra);
        return p;
    }

    /** The first of {@code keys} the quickstart sets itself in the endpoint's properties, or {@code null}. */
    static String ownEndpointKey(java.util.Collection<String> keys) {
        java.util.Set<String> own = endpointProperties(new QuickstartLayout(java.nio.file.Path.of(".")),
                new QuickstartPorts(0, 0, 0, 0, 0, 0), "").keySet();
        return keys.stream().filter(own::contains).sorted().findFirst().orElse(null);
    }

    /** The endpoint over HTTPS on loopback; the keystore password is passed in, read from its password file. */
    static Map<String, String> endpointProperties(QuickstartLayout layout, QuickstartPorts ports,
                                                  String keystorePassword) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("bind.address", "127.0.0.1");
        p.put("port", Integer.toString(ports.endpoint()));
        p.put("data.dir", layout.endpointData().toString());
        p.put("ssl.keystore.location", layout.endpointCerts().resolve(LeafFiles.KEYSTORE).toString());
        p.put("ssl.keystore.password", keystorePassword);
        p.put("default.environment", ENVIRONMENT);
        return p;
    }

    /** Logging of the child JVMs: INFO to standard output, which {@link ChildJvm} appends to their log file. */
    static String childLogging() {
        return String.join("\n",
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?>",
                "<Configuration status=\"WARN\">",
                "  <Appenders>",
                "    <Console name=\"stdout\" target=\"SYSTEM_OUT\">",
                "      <PatternLayout pattern=\"[%d] %p %m (%c)%n\"/>",
                "    </Console>",
                "  </Appenders>",
                "  <Loggers>",
                "    <Logger name=\"org.apache.kafka.clients\" level=\"warn\"/>",
                "    <Logger name=\"org.reflections\" level=\"error\"/>",
                "    <Root level=\"info\">",
                "      <AppenderRef ref=\"stdout\"/>",
                "    </Root>",
                "  </Loggers>",
                "</Configuration>",
                "");
    }
}
