package io.connectusm.agent.ingest;

import static io.connectusm.agent.TestEvents.CLUSTER;
import static io.connectusm.agent.TestEvents.OTHER_CLUSTER;
import static org.assertj.core.api.Assertions.assertThat;

import io.connectusm.agent.tls.PeerIdentity;
import io.connectusm.certs.CaSpec;
import io.connectusm.certs.CertificateAuthority;
import io.connectusm.certs.LeafSpec;
import java.util.List;
import org.junit.jupiter.api.Test;

class IdentityPolicyTest {

    private final IdentityPolicy perCluster = new IdentityPolicy(IdentityMode.CLUSTER);

    @Test
    void readsCommonNameAndUriSansFromARealCertificate() {
        CertificateAuthority ca = CertificateAuthority.create(CaSpec.named("test CA"));
        PeerIdentity identity = PeerIdentity.of(ca.issue(LeafSpec.client("worker-7")
                .uri("urn:connect-usm:connect:connect-group-xyz").build()).certificate());
        assertThat(identity.commonName()).isEqualTo("worker-7");
        assertThat(identity.uriSans()).containsExactly("urn:connect-usm:connect:connect-group-xyz");
        assertThat(perCluster.allows(identity, CLUSTER)).isTrue();
        assertThat(perCluster.allows(identity, OTHER_CLUSTER)).isFalse();
    }

    @Test
    void allowsTheClusterNamedByTheCommonNameOnly() {
        PeerIdentity identity = new PeerIdentity("connect-group-xyz", List.of());
        assertThat(perCluster.allows(identity, CLUSTER)).isTrue();
        assertThat(perCluster.allows(identity, OTHER_CLUSTER)).isFalse();
        assertThat(perCluster.allows(new PeerIdentity("connect-group-xyz-2", List.of()), CLUSTER)).isFalse();
        assertThat(perCluster.allows(PeerIdentity.ANONYMOUS, CLUSTER)).isFalse();
    }

    @Test
    void aUriSanCountsOnlyInItsOneDocumentedForm() {
        assertThat(perCluster.allows(new PeerIdentity(null, List.of("urn:connect-usm:connect:connect-group-xyz")),
                CLUSTER)).isTrue();
        for (String uri : new String[] {"https://evil.example/connect-group-xyz", "spiffe://any.example/connect-group-xyz",
                "connect-group-xyz", "urn:other:connect-group-xyz", "urn:connect-usm:connect:connect-group-xyz/x",
                "URN:CONNECT-USM:CONNECT:connect-group-xyz", "urn:connect-usm:kafka:connect-group-xyz",
                "x:urn:connect-usm:connect:connect-group-xyz"}) {
            assertThat(perCluster.allows(new PeerIdentity("worker-7", List.of(uri)), CLUSTER)).as(uri).isFalse();
        }
    }

    @Test
    void sharedModeAllowsAnyTrustedCertificate() {
        assertThat(new IdentityPolicy(IdentityMode.SHARED).allows(new PeerIdentity("all-workers", List.of()), CLUSTER))
                .isTrue();
    }
}
