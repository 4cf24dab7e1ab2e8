package io.connectusm.endpoint.api;

import io.connectusm.endpoint.http.UsmApiException;
import io.connectusm.endpoint.store.ConnectCluster;
import io.connectusm.endpoint.store.KafkaCluster;
import io.connectusm.endpoint.store.RegistrationStore;

/**
 * The registration a request names, if it is visible to that request: it exists and lies in the request's
 * {@code environment} query parameter, when one is given; a 404 otherwise. Thread-safe.
 */
final class ClusterLookup {

    private final RegistrationStore registrations;

    ClusterLookup(RegistrationStore registrations) {
        this.registrations = registrations;
    }

    KafkaCluster kafkaCluster(Call call, String id) {
        return registrations.kafkaCluster(id).filter(c -> inEnvironment(call, c.environment()))
                .orElseThrow(() -> UsmApiException.notFound("USM Kafka cluster \"" + id + "\" not found"));
    }

    ConnectCluster connectCluster(Call call, String id) {
        return registrations.connectCluster(id).filter(c -> inEnvironment(call, c.environment()))
                .orElseThrow(() -> UsmApiException.notFound("USM Connect cluster \"" + id + "\" not found"));
    }

    private static boolean inEnvironment(Call call, String environment) {
        String env = call.query("environment");
        return env == null || env.isEmpty() || env.equals(environment);
    }
}
