package io.connectusm.support;

import java.util.List;

/**
 * The one TLS policy of every connect-usm server (the agent's data plane, the endpoint), as plain data each
 * server applies with its own TLS library: TLS 1.3 and 1.2 only (1.3 first: the handshake picks the highest
 * version both sides enable), AEAD cipher suites only (AES-GCM, ChaCha20-Poly1305), forward secret (ECDHE) for
 * TLS 1.2. With Netty: {@code SslContextBuilder.protocols(PROTOCOLS).ciphers(CIPHER_SUITES,
 * SupportedCipherSuiteFilter.INSTANCE)}; with JSSE: {@code SSLParameters.setProtocols} and
 * {@code setCipherSuites} with the suites of this list the provider supports.
 *
 * <p>Immutable constants; no instances.
 */
public final class ServerTlsPolicy {

    /** The protocol versions a server enables, preferred first. */
    public static final List<String> PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");

    /** The cipher suites a server enables (TLS 1.3 suites first, then TLS 1.2 ECDHE AEAD suites). */
    public static final List<String> CIPHER_SUITES = List.of(
            "TLS_AES_128_GCM_SHA256",
            "TLS_AES_256_GCM_SHA384",
            "TLS_CHACHA20_POLY1305_SHA256",
            "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
            "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
            "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256",
            "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
            "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
            "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256");

    private ServerTlsPolicy() {
    }
}
