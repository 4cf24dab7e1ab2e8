package io.connectusm.secrets.detect;

/**
 * Dispatches, at a word start, to the shape detectors whose first character matches. Stateless.
 */
final class Shapes {

    /** The characters a shape with a fixed first character can start with (ASCII). */
    private static final boolean[] FIXED_STARTS = fixedStarts();

    private Shapes() {
    }

    /** A shape starting at word start {@code i}; also notes an AWS secret key candidate there. */
    static Finding at(Scan scan, int i) {
        char first = scan.text.charAt(i);
        // Most word starts begin no shape: two O(1) checks (Azure AD secret, AWS candidate) and they are done.
        Finding shape = first < FIXED_STARTS.length && FIXED_STARTS[first] ? startingAt(scan, i)
                : AzureKeys.adClientSecret(scan.text, i);
        if (shape == null) {
            AwsKeys.noteSecretCandidate(scan, i);
        }
        return shape;
    }

    private static boolean[] fixedStarts() {
        boolean[] starts = new boolean[128];
        for (char c : new char[] {'-', 'M', 'P', 'e', 'A'}) {
            starts[c] = true;
        }
        for (PrefixedTokens.Format format : PrefixedTokens.FORMATS) {
            starts[format.prefix.charAt(0)] = true;
        }
        return starts;
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
