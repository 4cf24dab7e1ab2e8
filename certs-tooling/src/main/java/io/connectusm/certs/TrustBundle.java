package io.connectusm.certs;

import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * Writes what every directory this tool produces shares: the CA as {@code ca.pem}, a {@code truststore.p12} that
 * trusts it, and the {@code jksPassword.txt} that opens the stores. Stateless.
 */
final class TrustBundle {
    static final String CA_PEM = "ca.pem";
    static final String TRUSTSTORE = "truststore.p12";

    private TrustBundle() {
    }

    /** Writes the three files; {@code password} protects the trust store and is stored in the password file. */
    static void write(OutputDirectory out, X509Certificate ca, char[] password) {
        out.write(CA_PEM, PemFiles.encodeCertificates(List.of(ca)), FileSecrecy.PUBLIC);
        out.write(TRUSTSTORE, Pkcs12Stores.trustStore(ca, password), FileSecrecy.PUBLIC);
        out.write(StorePasswordFile.FILE_NAME, StorePasswordFile.encode(password), FileSecrecy.SECRET);
    }

    static Path caPem(Path dir) {
        return dir.resolve(CA_PEM);
    }

    static Path truststore(Path dir) {
        return dir.resolve(TRUSTSTORE);
    }

    static Path passwordFile(Path dir) {
        return dir.resolve(StorePasswordFile.FILE_NAME);
    }
}
