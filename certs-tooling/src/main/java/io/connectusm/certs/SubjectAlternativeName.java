package io.connectusm.certs;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

import org.bouncycastle.asn1.x509.GeneralName;

/**
 * One subject alternative name (SAN) of a certificate: a DNS name, an IP address or a URI.
 *
 * <p>TLS clients check a server's host name against these, never against the common name, so a server
 * certificate needs the names and addresses clients connect to. A URI such as
 * {@code urn:connect-usm:connect:<connect-cluster-id>} gives a client certificate a machine-readable identity.
 *
 * <p>The factories validate and normalise their input and say what is wrong with it in the exception message, so
 * command-line converters can reuse them as they are. Immutable and thread-safe.
 *
 * @param kind  which of the three kinds of name this is
 * @param value the normalised value (lower-case DNS name, canonical IP address text, the URI as given)
 */
public record SubjectAlternativeName(Kind kind, String value) {

    /** The kinds of subject alternative name this tool writes. */
    public enum Kind {
        /** A DNS host name, optionally a left-most {@code *.} wildcard. */
        DNS("DNS"),
        /** An IPv4 or IPv6 address. */
        IP("IP"),
        /** An absolute URI. */
        URI("URI");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        /** The prefix OpenSSL prints before such a name, such as {@code DNS}. */
        public String label() {
            return label;
        }
    }

    // RFC 1123 labels: letters, digits and inner hyphens, 1-63 characters each.
    private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");
    private static final Pattern IPV4 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");
    private static final int MAX_DNS_NAME_LENGTH = 253;

    /** Validates the components; use the factories, which also normalise. */
    public SubjectAlternativeName {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(value, "value");
    }

    /** A DNS name such as {@code localhost} or {@code *.agents.example.com}; rejects anything that is not one. */
    public static SubjectAlternativeName dns(String name) {
        Objects.requireNonNull(name, "name");
        String normalised = name.trim().toLowerCase(Locale.ROOT);
        String hostPart = normalised.startsWith("*.") ? normalised.substring(2) : normalised;
        if (hostPart.endsWith(".")) {
            hostPart = hostPart.substring(0, hostPart.length() - 1);
        }
        boolean valid = !hostPart.isEmpty() && normalised.length() <= MAX_DNS_NAME_LENGTH;
        for (String label : hostPart.split("\\.", -1)) {
            valid &= DNS_LABEL.matcher(label).matches();
        }
        if (!valid) {
            throw new IllegalArgumentException("'" + name + "' is not a DNS name (expected letters, digits and"
                    + " hyphens in dot-separated labels, such as usm-agent.example.com; use an IP option for"
                    + " addresses)");
        }
        return new SubjectAlternativeName(Kind.DNS, normalised);
    }

    /** An IPv4 or IPv6 address literal such as {@code 127.0.0.1} or {@code ::1}; never resolves a host name. */
    public static SubjectAlternativeName ip(String address) {
        Objects.requireNonNull(address, "address");
        String trimmed = address.trim();
        return new SubjectAlternativeName(Kind.IP, parseAddressLiteral(trimmed, address).getHostAddress());
    }

    /** The prefix of the one URI SAN form the agent accepts as a Connect cluster's identity. */
    public static final String CONNECT_CLUSTER_URN_PREFIX = "urn:connect-usm:connect:";

    /**
     * The URI SAN that names Connect cluster {@code connectClusterId} ({@code group.id}) the way the agent reads it:
     * {@code urn:connect-usm:connect:<id>}, the only URI form it counts.
     */
    public static SubjectAlternativeName connectCluster(String connectClusterId) {
        Objects.requireNonNull(connectClusterId, "connectClusterId");
        return uri(CONNECT_CLUSTER_URN_PREFIX + connectClusterId.trim());
    }

    /** An absolute URI such as {@code urn:connect-usm:connect:connect-group-xyz123} or {@code spiffe://...}. */
    public static SubjectAlternativeName uri(String uri) {
        Objects.requireNonNull(uri, "uri");
        String trimmed = uri.trim();
        try {
            URI parsed = new URI(trimmed);
            if (parsed.getScheme() == null) {
                throw new IllegalArgumentException("'" + uri + "' is not an absolute URI (it needs a scheme, such as"
                        + " urn:connect-usm:connect:connect-group-xyz123)");
            }
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("'" + uri + "' is not a URI: " + e.getReason(), e);
        }
        return new SubjectAlternativeName(Kind.URI, trimmed);
    }

    /** How OpenSSL prints this name, such as {@code DNS:localhost}. */
    @Override
    public String toString() {
        return kind.label() + ":" + value;
    }

    GeneralName toGeneralName() {
        return switch (kind) {
            case DNS -> new GeneralName(GeneralName.dNSName, value);
            case IP -> new GeneralName(GeneralName.iPAddress, value);
            case URI -> new GeneralName(GeneralName.uniformResourceIdentifier, value);
        };
    }

    private static InetAddress parseAddressLiteral(String text, String original) {
        String notAnAddress = "'" + original + "' is not an IP address (expected IPv4 such as 10.0.0.5 or IPv6 such"
                + " as ::1; use a DNS option for host names)";
        // InetAddress.getByName would look a non-literal up in DNS; only hand it text that is certainly a literal.
        if (IPV4.matcher(text).matches()) {
            for (String octet : text.split("\\.")) {
                if (Integer.parseInt(octet) > 255) {
                    throw new IllegalArgumentException(notAnAddress);
                }
            }
        } else if (!text.contains(":") || !text.matches("[0-9A-Fa-f:.]+")) {
            // A colon makes the JDK treat the text as an IPv6 literal (and fail instead of resolving it).
            throw new IllegalArgumentException(notAnAddress);
        }
        try {
            return InetAddress.getByName(text);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(notAnAddress, e);
        }
    }
}
