package io.connectusm.certs;

import javax.security.auth.x500.X500Principal;

import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;

/** Builds and reads the subject names this tool uses (a single CN). Stateless. */
final class X500Names {
    private X500Names() {
    }

    /** {@code CN=<commonName>}, escaped as X.500 requires (commas, plus signs and the like are legal in a CN). */
    static X500Name ofCommonName(String commonName) {
        return new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, commonName).build();
    }

    /** The first CN of {@code principal}, or its whole RFC 2253 name when it has none. */
    static String commonName(X500Principal principal) {
        RDN[] cns = X500Name.getInstance(principal.getEncoded()).getRDNs(BCStyle.CN);
        if (cns.length == 0) {
            return principal.getName();
        }
        ASN1Encodable value = cns[0].getFirst().getValue();
        // The plain string, not the RFC 4514 escaped form: it becomes a key store alias and a file-listing label.
        return value instanceof ASN1String text ? text.getString() : IETFUtils.valueToString(value);
    }
}
