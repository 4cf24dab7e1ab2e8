package io.connectusm.secrets.detect;

/**
 * The scanner's first look at a text: whether any detector could find anything in it at all, decided from a few
 * characters and the text's length, before a {@link Scan} is made. The agent's second line asks
 * {@link CredentialScanner} about every string of every event, most of them short names, keys and states
 * ({@code setting.12}, {@code RUNNING}, {@code value-of-setting-12}): this answers "nothing" for those at the cost of
 * one pass over their characters, with no allocation.
 *
 * <p><b>Exact, not a heuristic</b>: it says "nothing" only where {@link Scan#run} would find nothing. In
 * {@link Scan#run}, every detector but the shapes is reached only at one of the trigger characters {@code = : > @}
 * and space; without them only the shapes can fire, and only at a word start (the text's start or after a
 * character that is not a letter or digit, and above space), each needing a least number of characters from there:
 * a shape with a fixed first character ({@link Shapes}) as given by {@link #ROOM}, and the Azure AD client
 * secret and AWS secret key candidates at any word start 40. A text with no trigger and no word start with room for
 * a shape holds nothing. {@code FirstLookTest} holds this against the full scan on generated texts.
 *
 * <p>Stateless.
 */
final class FirstLook {

    /** Least characters of a shape that may start with any character (Azure AD client secret, AWS secret key). */
    private static final int MIN_ANY_START = Math.min(AzureKeys.CLIENT_SECRET_LENGTH, AwsKeys.SECRET_LENGTH);
    /** Marks a trigger character in {@link #ROOM}. */
    private static final int TRIGGER = -1;
    /**
     * For an ASCII character: {@link #TRIGGER}, or the least characters, from a word start there, any shape needs
     * (a shape with that fixed first character, or {@link #MIN_ANY_START}). One table look-up a character.
     */
    private static final int[] ROOM = room();

    private FirstLook() {
    }

    /** Whether {@link Scan#run} could find anything in {@code text}; {@code false} is certain. */
    static boolean mayFind(String text) {
        int length = text.length();
        boolean afterAlnum = false;
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            int room = c < ROOM.length ? ROOM[c] : MIN_ANY_START;
            if (room == TRIGGER || !afterAlnum && c > ' ' && length - i >= room) {
                return true;
            }
            afterAlnum = Chars.isAlnum(c);
        }
        return false;
    }

    private static int[] room() {
        int[] min = new int[128];
        note(min, '-', PrivateKeys.MIN_DER_PROBE_CHARS);
        note(min, 'M', PrivateKeys.MIN_DER_PROBE_CHARS);
        note(min, 'P', PrivateKeys.PUTTY_HEADER.length());
        // A JWT: its header segment, then two dots at least.
        note(min, 'e', JsonWebTokens.MIN_HEADER_CHARS + 2);
        note(min, 'A', AwsKeys.KEY_ID_LENGTH);
        for (PrefixedTokens.Format format : PrefixedTokens.FORMATS) {
            note(min, format.prefix.charAt(0), format.prefix.length() + format.min);
        }
        for (int c = 0; c < min.length; c++) {
            min[c] = min[c] == 0 ? MIN_ANY_START : Math.min(min[c], MIN_ANY_START);
        }
        // The characters at which Scan.run calls the detectors other than the shapes.
        for (char c : new char[] {'=', ':', '>', '@', ' '}) {
            min[c] = TRIGGER;
        }
        return min;
    }

    private static void note(int[] min, char first, int chars) {
        min[first] = min[first] == 0 ? chars : Math.min(min[first], chars);
    }
}
