package io.connectusm.cli.kafka;

import java.util.List;

import io.connectusm.api.ConnectCluster;
import io.connectusm.api.KafkaCluster;
import io.connectusm.api.UsmApiClient;
import io.connectusm.api.UsmApiException;
import io.connectusm.cli.output.Wording;
import io.connectusm.cli.registration.ResourceDeregisterCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code usm kafka-cluster deregister <usmkc-id>… [--force]} (alias {@code delete}); refused while Connect clusters
 * are registered under one, which the error then lists with the command that deregisters them.
 */
@Command(name = "deregister", aliases = "delete",
        description = "Deregister one or more USM Kafka clusters (deregister their Connect clusters first).",
        footerHeading = "%nExamples:%n", footer = "  usm kafka-cluster deregister usmkc-abc123")
final class KafkaDeregisterCommand extends ResourceDeregisterCommand<KafkaCluster> {

    @Parameters(arity = "1..*", paramLabel = "<id>", description = "usmkc-… IDs: <id-1> [id-2] … [id-n].")
    List<String> ids;

    KafkaDeregisterCommand() {
        super(KafkaClusters.RESOURCE);
    }

    @Override
    protected List<String> ids() {
        return ids;
    }

    /** The endpoint's 409 counts the Connect clusters; the user needs their IDs, so look them up. */
    @Override
    protected String refusal(UsmApiClient client, String id, String environment, UsmApiException refused) {
        List<ConnectCluster> blocking;
        try {
            String env = client.kafkaCluster(id, environment).environment();
            blocking = client.connectClusters(env).stream().filter(c -> id.equals(c.usmKafkaClusterId())).toList();
        } catch (RuntimeException e) {
            return refused.getMessage();
        }
        if (blocking.isEmpty()) {
            return refused.getMessage();
        }
        List<String> names = blocking.stream().map(c -> c.id() + " (" + c.confluentPlatformConnectClusterId() + ")")
                .toList();
        return "USM Kafka cluster \"" + id + "\" still has " + blocking.size() + " registered "
                + Wording.count("USM Connect cluster", blocking.size()) + ": " + String.join(", ", names)
                + "; deregister " + (blocking.size() == 1 ? "it" : "them") + " first with 'usm connect-cluster "
                + "deregister " + String.join(" ", blocking.stream().map(ConnectCluster::id).toList()) + "'";
    }
}
