package io.connectusm.cli.quickstart;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.connectusm.api.ConnectCluster;
import io.connectusm.api.KafkaCluster;
import io.connectusm.api.UsmApiClient;
import io.connectusm.api.UsmApiException;

/**
 * The quickstart's two registrations, checked against the endpoint at every start rather than trusted from
 * {@code quickstart.properties}: a registration the endpoint no longer has (deregistered, perhaps registered again
 * on the page under a new ID) is repaired: the current registration of the same local cluster is adopted, or a new
 * one made through the CLI commands, and the state file updated. Each repair is reported as a note. Not
 * thread-safe; used by the starting thread.
 */
final class QuickstartRegistrations {

    /** The registrations in use, and what was repaired on the way (one line each, empty when nothing was). */
    record Result(String usmKafkaClusterId, String usmConnectClusterId, List<String> notes) {
    }

    private QuickstartRegistrations() {
    }

    static Result ensure(UsmApiClient client, CliRegistrations.Connection connection, QuickstartState state,
                         String kafkaClusterId, String connectClusterId) throws IOException {
        List<String> notes = new ArrayList<>();
        String env = connection.environment();
        String usmkc = ensureKafka(client, connection, state, kafkaClusterId, env, notes);
        String usmcc = ensureConnect(client, connection, state, kafkaClusterId, connectClusterId, env, notes);
        return new Result(usmkc, usmcc, notes);
    }

    private static String ensureKafka(UsmApiClient client, CliRegistrations.Connection connection,
                                      QuickstartState state, String kafkaClusterId, String env, List<String> notes)
            throws IOException {
        Optional<String> stored = state.get(QuickstartState.USM_KAFKA_CLUSTER_ID);
        if (stored.isPresent() && kafkaStillMatches(client, stored.get(), env, kafkaClusterId)) {
            return stored.get();
        }
        Optional<String> current = client.kafkaClusters(env).stream()
                .filter(k -> kafkaClusterId.equals(k.confluentPlatformKafkaClusterId())).map(KafkaCluster::id)
                .findFirst();
        String id = current.orElseGet(() -> CliRegistrations.registerKafka(connection, kafkaClusterId));
        stored.ifPresent(old -> notes.add(repaired(QuickstartState.USM_KAFKA_CLUSTER_ID, old, "Kafka cluster "
                + kafkaClusterId, id, current.isPresent())));
        state.put(QuickstartState.USM_KAFKA_CLUSTER_ID, id);
        return id;
    }

    private static String ensureConnect(UsmApiClient client, CliRegistrations.Connection connection,
                                        QuickstartState state, String kafkaClusterId, String connectClusterId,
                                        String env, List<String> notes) throws IOException {
        Optional<String> stored = state.get(QuickstartState.USM_CONNECT_CLUSTER_ID);
        if (stored.isPresent() && connectStillMatches(client, stored.get(), env, kafkaClusterId, connectClusterId)) {
            return stored.get();
        }
        Optional<String> current = client.connectClusters(env).stream()
                .filter(c -> connectClusterId.equals(c.confluentPlatformConnectClusterId())
                        && kafkaClusterId.equals(c.kafkaClusterId()))
                .map(ConnectCluster::id).findFirst();
        String id = current.orElseGet(() -> CliRegistrations.registerConnect(connection, connectClusterId,
                kafkaClusterId));
        stored.ifPresent(old -> notes.add(repaired(QuickstartState.USM_CONNECT_CLUSTER_ID, old, "Connect cluster "
                + connectClusterId, id, current.isPresent())));
        state.put(QuickstartState.USM_CONNECT_CLUSTER_ID, id);
        return id;
    }

    private static boolean kafkaStillMatches(UsmApiClient client, String id, String env, String kafkaClusterId) {
        try {
            return kafkaClusterId.equals(client.kafkaCluster(id, env).confluentPlatformKafkaClusterId());
        } catch (UsmApiException e) {
            if (e.isNotFound()) {
                return false;
            }
            throw e;
        }
    }

    private static boolean connectStillMatches(UsmApiClient client, String id, String env, String kafkaClusterId,
                                               String connectClusterId) {
        try {
            ConnectCluster c = client.connectCluster(id, env);
            return connectClusterId.equals(c.confluentPlatformConnectClusterId())
                    && kafkaClusterId.equals(c.kafkaClusterId());
        } catch (UsmApiException e) {
            if (e.isNotFound()) {
                return false;
            }
            throw e;
        }
    }

    private static String repaired(String key, String old, String what, String now, boolean adopted) {
        return key + " named " + old + ", which the endpoint no longer has for " + what + "; "
                + (adopted ? "using its current registration " + now : "registered it again as " + now);
    }
}
