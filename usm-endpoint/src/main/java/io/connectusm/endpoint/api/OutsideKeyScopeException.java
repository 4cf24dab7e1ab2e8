package io.connectusm.endpoint.api;

import java.util.List;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.connectusm.endpoint.auth.KeyScope;
import io.connectusm.endpoint.http.UsmApiException;
import io.connectusm.events.ClusterRef;

/**
 * A scoped agent key sent events or sightings for Connect clusters outside its {@link KeyScope}: the whole
 * request is refused with 403 {@code outside_key_scope}, listing those clusters, and nothing is stored.
 */
final class OutsideKeyScopeException extends UsmApiException {

    private static final long serialVersionUID = 1L;

    private final transient List<ClusterRef> clusters;

    OutsideKeyScopeException(List<ClusterRef> clusters, KeyScope scope) {
        super(403, "outside_key_scope", "refused: this API key may only write for " + scope.describe()
                + "; not for Connect cluster(s) " + clusters);
        this.clusters = List.copyOf(clusters);
    }

    @Override
    protected void addDetails(ObjectNode error) {
        ClusterNotRegisteredException.addClusters(error, clusters);
    }
}
