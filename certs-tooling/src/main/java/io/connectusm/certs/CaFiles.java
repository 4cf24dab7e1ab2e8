package io.connectusm.certs;

import java.nio.file.Path;
import java.util.List;

/**
 * Where {@link CertificateAuthority#writeTo(Path, WriteMode)} put a CA: the directory and each file in it.
 *
 * <p>The directory doubles as a trust bundle: {@code truststore.p12} with its {@code jksPassword.txt} is what a
 * server that accepts clients of this CA (or a client of a server of this CA) needs. Immutable and thread-safe.
 *
 * @param directory     the CA directory
 * @param certificate   {@code ca.pem}: the CA certificate (public)
 * @param privateKey    {@code ca-key.pem}: the CA's private key, PKCS#8, owner-only; whoever holds it can issue
 *                      certificates that every peer of this CA trusts
 * @param truststore    {@code truststore.p12}: a PKCS12 trust store holding the CA certificate under the alias "ca"
 * @param passwordFile  {@code jksPassword.txt}: the trust store's password, owner-only
 */
public record CaFiles(Path directory, Path certificate, Path privateKey, Path truststore, Path passwordFile) {
    /** The CA certificate's file name. */
    public static final String CERTIFICATE_PEM = TrustBundle.CA_PEM;
    /** The CA private key's file name. */
    public static final String PRIVATE_KEY_PEM = "ca-key.pem";

    static CaFiles in(Path directory) {
        return new CaFiles(directory, TrustBundle.caPem(directory), directory.resolve(PRIVATE_KEY_PEM),
                TrustBundle.truststore(directory), TrustBundle.passwordFile(directory));
    }

    /** Every file, in the order they are best listed to a user. */
    public List<Path> files() {
        return List.of(certificate, privateKey, truststore, passwordFile);
    }
}
