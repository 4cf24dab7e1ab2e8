package io.connectusm.secrets.detect;

import io.connectusm.secrets.keys.KeyTokens;
import io.connectusm.secrets.keys.SecretNameRule;

import java.util.List;

/**
 * Secret-named assignments inside a value or a text: a key word whose tokens look secret by
 * {@link SecretNameRule} ({@code password}, {@code access_token}, {@code clientSecret},
 * {@code -Djavax.net.ssl.keyStorePassword}, {@code X-Api-Key} …) followed by a separator and a value. The value
 * is cut out, the key and separator kept.
 *
 * <p>Separators: {@code =}, {@code =>}, {@code :=}, {@code :} (in a config value only after a quoted key, a
 * header-style key or before a quoted value, so a field rename {@code password:pwd} stays), XML
 * {@code <password>…<}, and a space after a {@code --flag}. Values: {@code "quoted"} or {@code 'quoted'}
 * (backslash escapes honoured; also {@code \"JSON-escaped\"}), {@code {…}} / {@code […]} (balanced),
 * {@code ${provider:ref}}, or bare — up to whitespace or {@code & ; , " ' ) ] } < > | \} when the separator is
 * tight, up to the end of the line (or {@code & ; " ' | \ ) ] } <}) when it is spaced ({@code password = a b});
 * a JAAS config ({@code sasl.jaas.config=…}) runs to the end of its line, quotes and all; inside a URL {@code #}
 * ends a value too.
 * An {@code Authorization} header keeps its scheme: {@code Authorization: Bearer ********}. Azure's
 * {@code AccountKey=}, {@code SharedAccessKey=}, {@code SharedAccessSignature=} and a {@code sig=} beside
 * {@code sv=} are reported as shapes. A SQL parameter ({@code token = ?}, {@code $1}) is no value.
 * Stateless.
 */
final class InlineAssignments {

    private static final int MAX_SPACES = 16;
    private static final String[] SOURCE_FILE_ENDINGS = {".java", ".scala", ".kt", ".groovy"};

    private InlineAssignments() {
    }

    /** At separator {@code sep} after the scan's pending key word: the assigned secret, or null. */
    static Finding at(Scan scan, int sep) {
        String text = scan.text;
        int n = scan.length;
        int keyStart = scan.wordStart;
        int keyEnd = scan.wordEnd;
        char c = text.charAt(sep);
        int valueStart = sep + 1;
        boolean xml = false;
        boolean colonEquals = false;
        switch (c) {
            case '>':
                if (keyEnd != sep || keyStart == 0 || text.charAt(keyStart - 1) != '<') {
                    return null;
                }
                xml = true;
                break;
            case '=':
                if (valueStart < n && text.charAt(valueStart) == '=') {
                    return null;
                }
                if (valueStart < n && text.charAt(valueStart) == '>') {
                    valueStart++;
                }
                break;
            case ':':
                if (valueStart < n && text.charAt(valueStart) == '=') {
                    valueStart++;
                    colonEquals = true;
                }
                break;
            case ' ':
                if (keyEnd != sep || keyEnd - keyStart < 3 || !text.startsWith("--", keyStart)) {
                    return null;
                }
                break;
            default:
                return null;
        }
        CredentialKind kind = kindOf(scan, keyStart, keyEnd);
        if (kind == null) {
            return null;
        }
        int p = valueStart;
        int spaces = 0;
        while (p < n && spaces < MAX_SPACES && (text.charAt(p) == ' ' || text.charAt(p) == '\t')) {
            p++;
            spaces++;
        }
        if (p >= n) {
            return null;
        }
        if (c == ':' && !colonEquals && spaces == 0 && scan.mode == CredentialScanner.Mode.VALUE && scan.gapQuotes == 0
                && !Chars.isUpper(text.charAt(keyStart)) && !Chars.isQuote(text.charAt(p))) {
            return null;
        }
        int start;
        int end;
        if (xml) {
            start = p;
            end = UrlCredentials.indexOf(text, '<', p, n);
            end = end < 0 ? n : end;
        } else {
            ValueSpans.Syntax syntax = kind == CredentialKind.AUTH_HEADER ? ValueSpans.Syntax.HEADER
                    : names(text, keyStart, keyEnd, "jaas") ? ValueSpans.Syntax.LINE
                    : spaces > 0 || scan.gapSpaces > 0 ? ValueSpans.Syntax.SPACED : ValueSpans.Syntax.TIGHT;
            long span = ValueSpans.of(text, p, syntax, sep < scan.urlEnd);
            start = (int) (span >>> 32);
            end = (int) span;
        }
        if (end <= start || text.startsWith(CredentialScanner.MASKED_VALUE, start) || isPlaceholder(text, start, end)) {
            return null;
        }
        return new Finding(start, end, kind);
    }

    /** A SQL parameter ({@code ?}, {@code $1}) in a query, not a value: the value's first word is one. */
    private static boolean isPlaceholder(String text, int start, int valueEnd) {
        int end = start;
        while (end < valueEnd && !Chars.isWhitespace(text.charAt(end))) {
            end++;
        }
        if (end - start == 1 && text.charAt(start) == '?') {
            return true;
        }
        if (text.charAt(start) != '$' || end - start < 2) {
            return false;
        }
        for (int i = start + 1; i < end; i++) {
            if (!Chars.isDigit(text.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static CredentialKind kindOf(Scan scan, int keyStart, int keyEnd) {
        String text = scan.text;
        int length = keyEnd - keyStart;
        if (is(text, keyStart, length, "accountkey") || is(text, keyStart, length, "sharedaccesskey")) {
            return CredentialKind.AZURE_KEY;
        }
        if (is(text, keyStart, length, "sharedaccesssignature")) {
            return CredentialKind.AZURE_SAS;
        }
        if (is(text, keyStart, length, "sig")) {
            return scan.sasContext() ? CredentialKind.AZURE_SAS : CredentialKind.INLINE_ASSIGNMENT;
        }
        for (String ending : SOURCE_FILE_ENDINGS) {
            if (length > ending.length() && Chars.matchesIgnoreCase(text, keyEnd - ending.length(), ending)) {
                return null;
            }
        }
        List<String> tokens = KeyTokens.of(text, keyStart, keyEnd);
        if (!SecretNameRule.looksSecret(tokens)) {
            return null;
        }
        return tokens.contains("authorization") ? CredentialKind.AUTH_HEADER : CredentialKind.INLINE_ASSIGNMENT;
    }

    /** Whether the key word contains {@code lowerCaseWord} (a JAAS config runs to the end of its line). */
    private static boolean names(String text, int keyStart, int keyEnd, String lowerCaseWord) {
        return Chars.containsIgnoreCase(text.subSequence(keyStart, keyEnd), lowerCaseWord);
    }

    private static boolean is(String text, int start, int length, String lowerCaseWord) {
        return length == lowerCaseWord.length() && Chars.matchesIgnoreCase(text, start, lowerCaseWord);
    }
}
