package io.connectusm.cli.connect;

import java.util.Optional;

import io.connectusm.api.ConnectCluster;
import io.connectusm.api.ConnectClusterRegistration;
import io.connectusm.api.UsmApiClient;
import io.connectusm.cli.output.UsmCliException;
import io.connectusm.cli.registration.ResourceRegisterCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code usm connect-cluster register <connect-id> --kafka-cluster-id <id> [--cloud C --region R]} (alias
 * {@code create}). The Kafka cluster may also be given as {@code --confluent-platform-kafka-cluster}, the spelling
 * of Confluent's CLI and of the USM documentation. {@code --cloud} and {@code --region} are optional and go
 * together (Confluent: "If provided, 'cloud' must also be provided"); without them the Kafka cluster's apply.
 */
@Command(name = "register", aliases = "create",
        description = "Register a Confluent Platform Connect cluster with USM.",
        footerHeading = "%nExamples:%n",
        footer = {"  usm connect-cluster register connect-group-xyz123 \\",
            "      --confluent-platform-kafka-cluster 4k0R9d1GTS5tI9f4Y2xZ0Q \\",
            "      --cloud aws --region us-east-1"})
final class ConnectRegisterCommand extends ResourceRegisterCommand<ConnectCluster> {

    @Parameters(index = "0", paramLabel = "<confluent-platform-connect-cluster-id>",
            description = "The Connect cluster ID (the workers' group.id), as 'usm connect-cluster cluster list' "
                    + "shows it.")
    String connectClusterId;

    @Option(names = {"--kafka-cluster-id", "--confluent-platform-kafka-cluster"}, paramLabel = "ID",
            description = "REQUIRED: The unique identifier of the metadata Kafka cluster for the Connect cluster; it "
                    + "must be registered (usm kafka-cluster register).")
    String kafkaClusterId;

    @Option(names = "--cloud", paramLabel = "CLOUD",
            description = "Specify the cloud provider as \"aws\", \"azure\", or \"gcp\" (with --region).")
    String cloud;

    @Option(names = "--region", paramLabel = "REGION",
            description = "The home region where the metadata is stored (with --cloud). Without both, the home "
                    + "region of the Kafka cluster is used.")
    String region;

    /** Older spelling: the display name (Confluent's CLI has none; the endpoint defaults it to the ID). */
    @Option(names = "--name", paramLabel = "NAME", hidden = true)
    String name;

    ConnectRegisterCommand() {
        super(ConnectClusters.RESOURCE);
    }

    @Override
    protected void validate() {
        if (kafkaClusterId == null) {
            throw UsmCliException.usage("required flag(s) \"kafka-cluster-id\" not set: give the Kafka cluster with "
                    + "--kafka-cluster-id or --confluent-platform-kafka-cluster");
        }
        if ((cloud == null) != (region == null)) {
            // Cobra's wording for flags required together.
            throw UsmCliException.usage("if any flags in the group [cloud region] are set they must all be set; "
                    + "missing [" + (cloud == null ? "cloud" : "region") + "]");
        }
    }

    @Override
    protected ConnectCluster register(UsmApiClient client, String environment) {
        return client.registerConnectCluster(new ConnectClusterRegistration(connectClusterId, kafkaClusterId, name,
                cloud, region, environment));
    }

    @Override
    protected Optional<String> existing(UsmApiClient client, String environment) {
        return client.connectClusters(environment).stream()
                .filter(c -> connectClusterId.equals(c.confluentPlatformConnectClusterId())
                        && kafkaClusterId.equals(c.kafkaClusterId()))
                .map(ConnectCluster::id).findFirst();
    }
}
