package io.connectusm.events;

/**
 * Checks on strings that every hop must agree on. A lone UTF-16 surrogate cannot be written as UTF-8, so
 * two different Java strings could reach the wire, or a fingerprint, as the same bytes; the contract
 * therefore only carries well-formed Unicode. Stateless.
 */
final class Text {

    private Text() {
    }

    /** Whether {@code text} has no lone surrogate, i.e. whether it has an exact UTF-8 encoding. */
    static boolean isWellFormed(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 == text.length() || !Character.isLowSurrogate(text.charAt(i + 1))) {
                    return false;
                }
                i++;
            } else if (Character.isLowSurrogate(c)) {
                return false;
            }
        }
        return true;
    }
}
