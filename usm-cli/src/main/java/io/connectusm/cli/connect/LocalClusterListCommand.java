package io.connectusm.cli.connect;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.JsonNode;

import io.connectusm.api.UsmApiClient;
import io.connectusm.cli.output.CommandRunner;
import io.connectusm.cli.output.Field;
import io.connectusm.cli.output.OutputOption;
import io.connectusm.cli.output.ResultPrinter;
import io.connectusm.cli.output.UsmCliException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code usm connect cluster list}: the (Kafka cluster ID, Connect cluster ID) pairs the agent has seen, from
 * its control plane {@code GET /v1/clusters}, to copy into {@code usm connect-cluster register}. Sorted, as every list.
 */
@Command(name = "list",
        description = "List the local Connect cluster IDs the agent has seen, registered or not.")
final class LocalClusterListCommand implements Callable<Integer> {

    static final List<String> LABELS = List.of("Connect Cluster ID", "Kafka Cluster ID", "Registered",
            "USM Connect Cluster ID", "Connectors", "Last Seen");

    @Spec
    CommandSpec spec;

    @Mixin
    OutputOption output;

    @Option(names = "--agent-url", defaultValue = "${env:USM_AGENT_URL:-http://127.0.0.1:9999}", paramLabel = "URL",
            description = "The agent's control plane (env USM_AGENT_URL; default: ${DEFAULT-VALUE}).")
    String agentUrl;

    @Override
    public Integer call() throws Exception {
        return CommandRunner.run(spec, () -> {
            JsonNode body;
            try {
                body = UsmApiClient.builder(agentUrl).build().get("/v1/clusters");
            } catch (IllegalArgumentException e) {
                throw UsmCliException.usage("--agent-url " + agentUrl + ": " + e.getMessage());
            }
            List<List<Field>> items = new ArrayList<>();
            for (JsonNode c : body.path("clusters")) {
                JsonNode usmcc = c.get("usm_connect_cluster_id");
                items.add(List.of(
                        new Field(LABELS.get(0), "connect_cluster_id", c.path("connect_cluster_id").asText()),
                        new Field(LABELS.get(1), "kafka_cluster_id", c.path("kafka_cluster_id").asText()),
                        Field.flag(LABELS.get(2), "registered", c.path("registered").asBoolean()),
                        new Field(LABELS.get(3), "usm_connect_cluster_id",
                                usmcc == null || usmcc.isNull() ? "" : usmcc.asText()),
                        Field.number(LABELS.get(4), "connector_count", c.path("connector_count").asLong()),
                        new Field(LABELS.get(5), "last_seen", c.path("last_seen").asText())));
            }
            return ResultPrinter.list(output.format(), items);
        });
    }
}
