package io.connectusm.cli.quickstart;

import java.util.List;

/**
 * The loopback ports of one quickstart: each component's listener, with the option that moves it, so a busy port
 * can be reported with what to do about it. Immutable.
 */
record QuickstartPorts(int kafka, int controller, int connect, int agent, int agentControl, int endpoint) {

    /** One listener: its port, what listens there, and the option that changes it. */
    record PortUse(int port, String role, String option) {
    }

    List<PortUse> uses() {
        return List.of(
                new PortUse(kafka, "Kafka broker", "--kafka-port"),
                new PortUse(controller, "Kafka KRaft controller", "--controller-port"),
                new PortUse(connect, "Connect worker REST API", "--connect-port"),
                new PortUse(agent, "usm-agent data plane", "--agent-port"),
                new PortUse(agentControl, "usm-agent health and metrics", "--agent-metrics-port"),
                new PortUse(endpoint, "usm-endpoint", "--endpoint-port"));
    }
}
