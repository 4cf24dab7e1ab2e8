package io.connectusm.cli.quickstart;

import java.nio.file.Files;
import java.nio.file.Path;

import io.connectusm.certs.CaSpec;
import io.connectusm.certs.CertificateAuthority;
import io.connectusm.certs.LeafFiles;
import io.connectusm.certs.LeafSpec;
import io.connectusm.certs.WriteMode;

/**
 * The quickstart's PKI, made with certs-tooling as an operator would with {@code usm certs}: a CA; a server
 * certificate for the agent and one for the endpoint, both valid for {@code localhost} and {@code 127.0.0.1}; and
 * the Connect workers' client certificate, whose CN is the Connect cluster ID (the agent's identity rule). Each
 * directory holds {@code keystore.p12}, {@code truststore.p12} and {@code jksPassword.txt}. Existing files are kept,
 * so a second run reuses them. Stateless.
 */
final class QuickstartCertificates {

    private QuickstartCertificates() {
    }

    static void ensure(QuickstartLayout layout, String connectClusterId) {
        CertificateAuthority ca;
        if (Files.isRegularFile(layout.caDir().resolve("ca.pem"))) {
            ca = CertificateAuthority.load(layout.caDir());
        } else {
            ca = CertificateAuthority.create(CaSpec.named("usm quickstart CA"));
            ca.writeTo(layout.caDir(), WriteMode.OVERWRITE);
        }
        issueIfMissing(layout.agentCerts(), ca, LeafSpec.server("usm-agent").dns("localhost").ip("127.0.0.1").build());
        issueIfMissing(layout.endpointCerts(), ca,
                LeafSpec.server("usm-endpoint").dns("localhost").ip("127.0.0.1").build());
        issueIfMissing(layout.connectCerts(), ca, LeafSpec.client(connectClusterId).build());
    }

    private static void issueIfMissing(Path dir, CertificateAuthority ca, LeafSpec spec) {
        if (!Files.isRegularFile(dir.resolve(LeafFiles.KEYSTORE))) {
            LeafFiles.write(dir, ca.issue(spec), ca, WriteMode.OVERWRITE);
        }
    }
}
