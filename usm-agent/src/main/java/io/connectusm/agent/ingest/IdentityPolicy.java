package io.connectusm.agent.ingest;

import io.connectusm.agent.tls.PeerIdentity;
import io.connectusm.events.ClusterRef;
import java.util.Objects;

/**
 * Decides whether a peer may speak for a Connect cluster. In {@link IdentityMode#CLUSTER} mode the
 * certificate must name the Connect cluster ID: as its CN (how {@code usm certs issue --cn <id> --client}
 * issues worker certificates) or as a URI SAN of exactly one form, {@value #URI_PREFIX}{@code <id>}. No other URI
 * counts, however it ends: {@code https://evil.example/<id>} or {@code spiffe://any/<id>} name nobody, so a
 * certificate issued for some other purpose by the same CA cannot speak for a cluster. Immutable and thread-safe.
 */
final class IdentityPolicy {

    /** The one URI SAN form that names a Connect cluster. */
    static final String URI_PREFIX = "urn:connect-usm:connect:";

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
        return peer.uriSans().contains(URI_PREFIX + connectId);
    }
}
