package io.connectusm.agent.tls;

import io.netty.util.AttributeKey;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;

/**
 * Who is on the other end of a data plane connection, as its verified client certificate says. Read once
 * the TLS handshake completed and kept on the channel under {@link #ATTRIBUTE}. Immutable.
 *
 * @param commonName the subject CN, or {@code null}
 * @param uriSans    the URI subject alternative names
 */
public record PeerIdentity(String commonName, List<String> uriSans) {

    /** The channel attribute holding the identity of a connection. */
    public static final AttributeKey<PeerIdentity> ATTRIBUTE = AttributeKey.valueOf(PeerIdentity.class, "peerIdentity");

    /** A connection without a client certificate (client auth off). */
    public static final PeerIdentity ANONYMOUS = new PeerIdentity(null, List.of());

    private static final int URI_SAN = 6;

    public PeerIdentity {
        uriSans = List.copyOf(uriSans);
    }

    /** The identity a certificate states. */
    public static PeerIdentity of(X509Certificate certificate) {
        String commonName = null;
        try {
            for (Rdn rdn : new LdapName(certificate.getSubjectX500Principal().getName()).getRdns()) {
                if (rdn.getType().equalsIgnoreCase("CN")) {
                    commonName = rdn.getValue().toString();
                }
            }
        } catch (InvalidNameException e) {
            commonName = null;
        }
        List<String> uris = new ArrayList<>();
        try {
            Collection<List<?>> sans = certificate.getSubjectAlternativeNames();
            if (sans != null) {
                for (List<?> san : sans) {
                    if (san.size() >= 2 && Integer.valueOf(URI_SAN).equals(san.get(0))) {
                        uris.add(String.valueOf(san.get(1)));
                    }
                }
            }
        } catch (CertificateParsingException e) {
            // An unparsable SAN extension names nobody; the CN may still.
        }
        return new PeerIdentity(commonName, uris);
    }

    /** For messages: {@code CN=x, URI=[…]}. */
    public String describe() {
        return commonName == null && uriSans.isEmpty() ? "no client certificate"
                : "certificate CN=" + commonName + (uriSans.isEmpty() ? "" : ", URI SANs " + uriSans);
    }
}
