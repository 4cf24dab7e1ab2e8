package io.connectusm.agent.ingest;

import io.connectusm.agent.tls.PeerIdentity;
import io.connectusm.events.ClusterRef;
import java.util.Objects;

/**
 * Decides whether a peer may speak for a Connect cluster. In {@link IdentityMode#CLUSTER} mode the
 * certificate must name the Connect cluster ID: as its CN (how {@code usm certs issue --cn <id> --client}
 * issues worker certificates) or as a URI SAN that is the ID or ends with {@code :<id>} or {@code /<id>}
 * (e.g. {@code urn:connect-usm:connect:<id>}). Immutable and thread-safe.
 */
final class IdentityPolicy {

    private final IdentityMode mode;

    IdentityPolicy(IdentityMode mode) {
        this.mode = Objects.requireNonNull(mode, "mode");
    }

    boolean allows(PeerIdentity peer, ClusterRef cluster) {
        if (mode == IdentityMode.SHARED) {
            return true;
        }
        String connectId = cluster.connectClusterId();
        if (connectId.equals(peer.commonName())) {
            return true;
        }
        for (String uri : peer.uriSans()) {
            if (uri.equals(connectId) || uri.endsWith(":" + connectId) || uri.endsWith("/" + connectId)) {
                return true;
            }
        }
        return false;
    }
}
