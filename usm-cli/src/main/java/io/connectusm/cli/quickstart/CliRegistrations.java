package io.connectusm.cli.quickstart;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.connectusm.cli.connect.ConnectCommand;
import io.connectusm.cli.kafka.KafkaCommand;
import io.connectusm.cli.output.UsmCliException;
import picocli.CommandLine;

/**
 * Registers the quickstart's Kafka and Connect clusters through the very commands an operator types,
 * {@code usm kafka-cluster register} and {@code usm connect-cluster register}, run in-process with JSON output, so
 * the quickstart exercises the CLI path of the USM documentation rather than a shortcut. Stateless.
 */
final class CliRegistrations {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** Where the endpoint is and the admin credentials; the secret is only ever an in-process argument. */
    record Connection(String url, String apiKey, String apiSecret, String caPem, String environment) {
        @Override
        public String toString() {
            return "Connection[url=" + url + ", apiKey=" + apiKey + ", environment=" + environment + "]";
        }
    }

    private CliRegistrations() {
    }

    /** {@code usm kafka-cluster register <id> --name quickstart-kafka --cloud aws --region us-east-1}; the usmkc- ID. */
    static String registerKafka(Connection connection, String kafkaClusterId) {
        return run(new KafkaCommand(), connection, "register", kafkaClusterId, "--name", "quickstart-kafka",
                "--cloud", "aws", "--region", "us-east-1");
    }

    /** {@code usm connect-cluster register <connect-id> --kafka-cluster-id <id>}; the usmcc- ID. */
    static String registerConnect(Connection connection, String connectClusterId, String kafkaClusterId) {
        return run(new ConnectCommand(), connection, "register", connectClusterId, "--kafka-cluster-id",
                kafkaClusterId);
    }

    private static String run(Object command, Connection connection, String... args) {
        List<String> argv = new ArrayList<>(List.of(args));
        argv.addAll(List.of("--url", connection.url(), "--api-key", connection.apiKey(), "--api-secret",
                connection.apiSecret(), "--ca-cert", connection.caPem(), "--environment", connection.environment(),
                "-o", "json"));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(command);
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int exit = cli.execute(argv.toArray(String[]::new));
        if (exit != 0) {
            throw new UsmCliException("usm " + cli.getCommandName() + " " + args[0] + " failed: "
                    + err.toString().trim());
        }
        try {
            return MAPPER.readTree(out.toString()).path("id").asText();
        } catch (Exception e) {
            throw new UsmCliException("usm " + cli.getCommandName() + " " + args[0] + " printed no JSON ID");
        }
    }
}
