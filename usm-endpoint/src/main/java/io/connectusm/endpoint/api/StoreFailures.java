package io.connectusm.endpoint.api;

import io.connectusm.endpoint.http.UsmApiException;
import io.connectusm.endpoint.store.RegistrationRefusedException;
import io.connectusm.endpoint.store.StoreException;

/**
 * What the store's failures mean over HTTP: the one mapping, used by the API's router and the web console's
 * forms alike. Stateless.
 */
public final class StoreFailures {

    private StoreFailures() {
    }

    /** A refused registration change: 409 for a duplicate or a cluster in use, 400 for a missing Kafka cluster, 404. */
    public static UsmApiException toApi(RegistrationRefusedException e) {
        return switch (e.reason()) {
            case ALREADY_REGISTERED, IN_USE -> UsmApiException.conflict(e.getMessage());
            case KAFKA_CLUSTER_NOT_REGISTERED -> new UsmApiException(400, "kafka_cluster_not_registered",
                    e.getMessage());
            case NOT_FOUND -> UsmApiException.notFound(e.getMessage());
        };
    }

    /** A database failure no caller caused: 500 with the SQL state only; the cause goes to the log. */
    public static UsmApiException toApi(StoreException e) {
        return new UsmApiException(500, "internal_error", e.getMessage(), e);
    }
}
