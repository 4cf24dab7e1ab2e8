package io.connectusm.cli.kafka;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.connectusm.api.KafkaCluster;
import io.connectusm.api.KafkaClusterRegistration;
import io.connectusm.api.UsmApiClient;
import io.connectusm.cli.output.UsmCliException;
import io.connectusm.cli.registration.ResourceRegisterCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code usm kafka-cluster register <confluent-platform-kafka-cluster-id> --name N --cloud C --region R} (alias
 * {@code create}), as Confluent's CLI 4.73+: the Kafka cluster ID positionally with {@code --name}, {@code --cloud}
 * and {@code --region} required. The older {@code --confluent-platform-kafka-cluster <id>} spelling stays accepted,
 * and with it {@code --name} stays optional (default: the ID), so scripts of either kind work.
 */
@Command(name = "register", aliases = "create",
        description = "Register a Confluent Platform Kafka cluster with USM.",
        footerHeading = "%nExamples:%n",
        footer = {"  usm kafka-cluster register 4k0R9d1GTS5tI9f4Y2xZ0Q --name my-kafka-cluster \\",
            "      --cloud aws --region us-east-1"})
final class KafkaRegisterCommand extends ResourceRegisterCommand<KafkaCluster> {

    @Parameters(index = "0", arity = "0..1", paramLabel = "<confluent-platform-kafka-cluster-id>",
            description = "The Kafka cluster's ID, as its brokers report it.")
    String positionalId;

    @Option(names = "--confluent-platform-kafka-cluster", paramLabel = "ID",
            description = "The same ID as a flag (the older spelling; then --name is optional).")
    String flagId;

    @Option(names = "--name", paramLabel = "NAME",
            description = "REQUIRED (optional with --confluent-platform-kafka-cluster): A human-readable name for "
                    + "the Confluent Platform Kafka cluster.")
    String name;

    @Option(names = "--cloud", paramLabel = "CLOUD",
            description = "REQUIRED: Specify the cloud provider as \"aws\", \"azure\", or \"gcp\".")
    String cloud;

    @Option(names = "--region", paramLabel = "REGION",
            description = "REQUIRED: The home region of the Confluent Platform Kafka cluster where the metadata "
                    + "should be stored.")
    String region;

    KafkaRegisterCommand() {
        super(KafkaClusters.RESOURCE);
    }

    @Override
    protected void validate() {
        if (positionalId == null && flagId == null) {
            throw UsmCliException.usage("accepts 1 arg(s), received 0: give the Kafka cluster ID, e.g. 'usm "
                    + "kafka-cluster register 4k0R9d1GTS5tI9f4Y2xZ0Q --name prod --cloud aws --region us-east-1'");
        }
        if (positionalId != null && flagId != null && !positionalId.equals(flagId)) {
            throw UsmCliException.usage("the Kafka cluster ID is given twice, as " + positionalId + " and as "
                    + "--confluent-platform-kafka-cluster " + flagId);
        }
        // Cobra's wording for required flags, as Confluent's CLI prints it.
        List<String> missing = new ArrayList<>();
        if (cloud == null) {
            missing.add("cloud");
        }
        if (name == null && positionalId != null) {
            missing.add("name");
        }
        if (region == null) {
            missing.add("region");
        }
        if (!missing.isEmpty()) {
            throw UsmCliException.usage("required flag(s) " + String.join(", ", missing.stream()
                    .map(flag -> "\"" + flag + "\"").toList()) + " not set");
        }
    }

    private String kafkaClusterId() {
        return positionalId != null ? positionalId : flagId;
    }

    @Override
    protected KafkaCluster register(UsmApiClient client, String environment) {
        return client.registerKafkaCluster(new KafkaClusterRegistration(kafkaClusterId(), name, cloud, region,
                environment));
    }

    @Override
    protected Optional<String> existing(UsmApiClient client, String environment) {
        return client.kafkaClusters(environment).stream()
                .filter(k -> kafkaClusterId().equals(k.confluentPlatformKafkaClusterId())).map(KafkaCluster::id)
                .findFirst();
    }
}
