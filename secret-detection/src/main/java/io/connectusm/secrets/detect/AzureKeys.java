package io.connectusm.secrets.detect;

/**
 * Azure AD (Entra ID) client secrets, recognisable by their form: 40 characters of {@code [A-Za-z0-9_~.-]} whose
 * fourth is a digit followed by {@code Q~}. (Storage account keys and SAS tokens are found by their
 * {@code AccountKey=} / {@code sig=} parameter names in {@link InlineAssignments}.) Stateless.
 */
final class AzureKeys {

    static final int CLIENT_SECRET_LENGTH = 40;

    private AzureKeys() {
    }

    static Finding adClientSecret(String text, int i) {
        int end = i + CLIENT_SECRET_LENGTH;
        if (end > text.length() || text.charAt(i + 4) != 'Q' || text.charAt(i + 5) != '~'
                || !Chars.isDigit(text.charAt(i + 3))) {
            return null;
        }
        for (int j = i; j < end; j++) {
            if (!isSecretChar(text.charAt(j))) {
                return null;
            }
        }
        if (end < text.length() && isSecretChar(text.charAt(end))) {
            return null;
        }
        return new Finding(i, end, CredentialKind.AZURE_KEY);
    }

    private static boolean isSecretChar(char c) {
        return Chars.isAlnum(c) || c == '_' || c == '~' || c == '.' || c == '-';
    }
}
