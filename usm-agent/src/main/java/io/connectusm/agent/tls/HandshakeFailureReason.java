package io.connectusm.agent.tls;

import io.netty.handler.ssl.SslHandshakeTimeoutException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.util.List;
import java.util.Locale;

/**
 * Names why a TLS handshake failed, for the {@code reason} label of the handshake failure metric. Reads the
 * exception's cause chain (class first, then the provider's message, which differs between the JDK and
 * BoringSSL). Stateless.
 */
public final class HandshakeFailureReason {

    public static final String TIMEOUT = "timeout";
    public static final String NO_CERTIFICATE = "no_certificate";
    public static final String EXPIRED = "expired";
    public static final String UNTRUSTED = "untrusted";
    public static final String BAD_CERTIFICATE = "bad_certificate";
    public static final String PROTOCOL = "protocol";
    public static final String OTHER = "other";

    /** Every reason {@link #of} returns. */
    static final List<String> ALL = List.of(TIMEOUT, NO_CERTIFICATE, EXPIRED, UNTRUSTED, BAD_CERTIFICATE, PROTOCOL, OTHER);

    private HandshakeFailureReason() {
    }

    static String of(Throwable failure) {
        StringBuilder messages = new StringBuilder();
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SslHandshakeTimeoutException) {
                return TIMEOUT;
            }
            if (t instanceof CertificateExpiredException || t instanceof CertificateNotYetValidException) {
                return EXPIRED;
            }
            if (t instanceof CertPathValidatorException validator
                    && validator.getReason() == CertPathValidatorException.BasicReason.EXPIRED) {
                return EXPIRED;
            }
            messages.append(' ').append(t.getMessage());
        }
        String text = messages.toString().toLowerCase(Locale.ROOT);
        if (text.contains("empty client certificate") || text.contains("did_not_return_a_certificate")
                || text.contains("certificate_required") || text.contains("peer not authenticated")) {
            return NO_CERTIFICATE;
        }
        if (text.contains("expired") || text.contains("notafter")) {
            return EXPIRED;
        }
        if (text.contains("extended key usage") || text.contains("extendedkeyusage") || text.contains("keyusage")
                || text.contains("key usage")) {
            return BAD_CERTIFICATE;
        }
        if (text.contains("pkix") || text.contains("unable to find valid certification path")
                || text.contains("signature check failed") || text.contains("unknown_ca")) {
            return UNTRUSTED;
        }
        if (text.contains("protocol") || text.contains("no_shared_cipher") || text.contains("cipher suites")
                || text.contains("version")) {
            return PROTOCOL;
        }
        return OTHER;
    }
}
