package io.connectusm.endpoint.web;

import java.util.List;

import io.connectusm.endpoint.store.ConnectCluster;
import io.connectusm.endpoint.store.ConnectorCounts;
import io.connectusm.endpoint.store.KafkaCluster;
import io.connectusm.endpoint.store.Sighting;

/**
 * An environment's page: its registered Connect clusters with their health (connectors per state, failing ones,
 * failed tasks, last heard, stale, agents) and the environment's totals, and the sighted unregistered ones, each with a
 * "Register Connect cluster" form (pick the registered Kafka cluster, the sighted one preselected) and the
 * equivalent {@code usm connect register} command. Immutable.
 *
 * @param frame       title and breadcrumbs
 * @param environment the environment's ID
 * @param clusters    its registered Connect clusters, by ID
 * @param sightings   one page of the sighted clusters still unregistered here, by Kafka then Connect cluster ID
 * @param noKafka     whether no Kafka cluster is registered here (then there is nothing to register under)
 * @param formAction  where the register forms post
 * @param csrfToken   the caller's anti-CSRF token for the forms, or {@code null} for a caller who may not change
 *                    anything (then no form is shown)
 * @param sightingsTotal how many unregistered sightings there are in all
 * @param sightingsNext  the page with the next sightings, or {@code null}
 * @param totals         the environment's connectors, counted
 * @param staleClusters  how many of its clusters are stale
 */
record EnvironmentView(Frame frame, String environment, List<ClusterLine> clusters, List<SightingLine> sightings,
                       boolean noKafka, String formAction, String csrfToken, int sightingsTotal,
                       String sightingsNext, ConnectorCounts totals, long staleClusters) {

    /** A registered Connect cluster, its page, its health and its failing connectors' list. */
    record ClusterLine(ConnectCluster cluster, String path, ClusterHealth health, String failingPath) {
    }

    /** A sighted cluster, the Kafka clusters its form offers, and the command that registers it. */
    record SightingLine(Sighting sighting, List<KafkaOption> kafkaClusters, String command) {
    }

    /** One choice of the form's Kafka cluster list. */
    record KafkaOption(String value, String label, boolean selected) {
    }

    EnvironmentView {
        clusters = List.copyOf(clusters);
        sightings = List.copyOf(sightings);
    }

    /** Where a sighting's "Dismiss" form posts. */
    String dismissAction() {
        return Paths.environment(environment) + "/sightings/dismiss";
    }

    static SightingLine sighting(String environment, Sighting s, List<KafkaCluster> kafkaClusters) {
        List<KafkaOption> options = kafkaClusters.stream().map(k -> new KafkaOption(k.cpKafkaClusterId(),
                k.displayName() + " (" + k.cpKafkaClusterId() + ", " + k.id() + ")",
                k.cpKafkaClusterId().equals(s.kafkaClusterId()))).toList();
        String command = "usm connect register " + s.connectClusterId() + " --confluent-platform-kafka-cluster "
                + s.kafkaClusterId() + " --environment " + environment;
        return new SightingLine(s, options, command);
    }
}
