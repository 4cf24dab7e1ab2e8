package io.connectusm.secrets.detect;

/**
 * Dispatches, at a word start, to the shape detectors whose first character matches. Stateless.
 */
final class Shapes {

    private Shapes() {
    }

    /** A shape starting at word start {@code i}; also notes an AWS secret key candidate there. */
    static Finding at(Scan scan, int i) {
        Finding shape = startingAt(scan, i);
        if (shape == null) {
            AwsKeys.noteSecretCandidate(scan, i);
        }
        return shape;
    }

    /** A shape starting exactly at {@code i}, or null. */
    static Finding startingAt(Scan scan, int i) {
        String text = scan.text;
        Finding shape = null;
        switch (text.charAt(i)) {
            case '-':
                return PrivateKeys.pem(text, i);
            case 'M':
                shape = PrivateKeys.der(text, i);
                break;
            case 'P':
                shape = PrivateKeys.putty(text, i);
                break;
            case 'e':
                shape = JsonWebTokens.at(scan, i);
                break;
            case 'A':
                shape = AwsKeys.accessKeyId(text, i);
                break;
            default:
                break;
        }
        if (shape == null) {
            shape = PrefixedTokens.at(text, i);
        }
        if (shape == null) {
            shape = AzureKeys.adClientSecret(text, i);
        }
        return shape;
    }
}
