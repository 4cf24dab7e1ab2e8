package io.connectusm.agent.tls;

import io.connectusm.support.Secret;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The data plane's TLS material and policy. Immutable; the store files it names may change on disk and are
 * re-read by {@link ReloadingSslContext}.
 *
 * @param keystore           PKCS12 keystore with the server key and chain
 * @param keystorePassword   its password
 * @param keyPassword        the key's password (the keystore password unless configured)
 * @param truststore         PKCS12 truststore with the client CA(s)
 * @param truststorePassword its password
 * @param clientAuthRequired whether a client certificate is required (mTLS)
 * @param provider           which TLS implementation to use
 * @param reloadInterval     how often the store files are checked for changes
 * @param handshakeTimeout   deadline of one handshake
 */
public record TlsSettings(
        Path keystore,
        Secret keystorePassword,
        Secret keyPassword,
        Path truststore,
        Secret truststorePassword,
        boolean clientAuthRequired,
        Provider provider,
        Duration reloadInterval,
        Duration handshakeTimeout) {

    /** The TLS implementation choice. */
    public enum Provider { AUTO, OPENSSL, JDK }
}
