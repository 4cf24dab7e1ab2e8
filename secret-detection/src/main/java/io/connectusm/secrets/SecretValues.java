package io.connectusm.secrets;

import io.connectusm.secrets.detect.CredentialScanner;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/**
 * The secret values of one connector config (what its masking removed), prepared for {@link TraceScrubber}: each
 * value of at least {@value #MIN_VALUE_LENGTH} characters, and each token of it of at least
 * {@value #MIN_TOKEN_LENGTH} characters (so that a half-echoed JAAS value is caught), each also in URL-encoded and
 * JSON-escaped form. A value is split into tokens at whitespace and {@code " ' ; , & = : @ ? # ( ) [ ] { } < > | \}
 * and backquote, and each token also into its pieces between {@code /} and {@code +}; tokens that are syntax, not secret, are left out: option names (directly followed by {@code =} and a value), JSON
 * object keys ({@code "client_email":}), JAAS
 * control flags ({@code required}, {@code requisite}, {@code sufficient}, {@code optional}) and Java class names.
 * The trivial values {@code true}, {@code false}, {@code null}, {@code none} are not searched.
 *
 * <p>Holds secrets: {@link #toString()} shows only their number, and nothing reads them out. Immutable;
 * thread-safe.
 */
public final class SecretValues {

    static final int MIN_VALUE_LENGTH = 4;
    static final int MIN_TOKEN_LENGTH = 6;

    private static final Set<String> TRIVIAL = Set.of("true", "false", "null", "none");
    private static final Set<String> JAAS_FLAGS = Set.of("required", "requisite", "sufficient", "optional");
    private static final SecretValues NONE = new SecretValues(new String[0], 0);

    private final String[] needles;
    private final int values;

    private SecretValues(String[] needles, int values) {
        this.needles = needles;
        this.values = values;
    }

    /** No secrets. */
    public static SecretValues none() {
        return NONE;
    }

    /** The secrets {@code secretValues} (nulls and masks ignored). */
    public static SecretValues of(Collection<String> secretValues) {
        Set<String> needles = new LinkedHashSet<>();
        int count = 0;
        for (String value : secretValues) {
            if (value == null || value.equals(CredentialScanner.MASKED_VALUE)) {
                continue;
            }
            count++;
            if (value.length() >= MIN_VALUE_LENGTH && !TRIVIAL.contains(value.toLowerCase(Locale.ROOT))) {
                addForms(needles, value);
            }
            addTokens(needles, value);
        }
        if (count == 0) {
            return NONE;
        }
        String[] sorted = needles.toArray(new String[0]);
        Arrays.sort(sorted, Comparator.comparingInt(String::length).reversed());
        return new SecretValues(sorted, count);
    }

    /** The number of secret values held. */
    public int size() {
        return values;
    }

    public boolean isEmpty() {
        return values == 0;
    }

    /** What {@link TraceScrubber} searches for, longest first. */
    String[] needles() {
        return needles;
    }

    @Override
    public String toString() {
        return "SecretValues[" + values + " values]";
    }

    private static void addForms(Set<String> needles, String secret) {
        needles.add(secret);
        String url = URLEncoder.encode(secret, StandardCharsets.UTF_8);
        needles.add(url);
        needles.add(url.replace("+", "%20"));
        needles.add(secret.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n").replace("\r", "\\r")
                .replace("\t", "\\t"));
    }

    private static void addTokens(Set<String> needles, String value) {
        int n = value.length();
        int start = -1;
        for (int i = 0; i <= n; i++) {
            boolean separator = i == n || isSeparator(value.charAt(i));
            if (!separator) {
                if (start < 0) {
                    start = i;
                }
                continue;
            }
            if (start >= 0 && i - start >= MIN_TOKEN_LENGTH && i - start < n) {
                String token = value.substring(start, i);
                if (!isOptionName(value, i) && !isJsonKey(value, start, i) && !JAAS_FLAGS.contains(token)
                        && !isClassName(token)
                        && !token.equals(CredentialScanner.MASKED_VALUE)) {
                    addForms(needles, token);
                    addPieces(needles, token);
                }
            }
            start = -1;
        }
    }

    /** The pieces of a token between {@code /} and {@code +} (a path-like or base64 secret echoed in part). */
    private static void addPieces(Set<String> needles, String token) {
        int start = 0;
        for (int i = 0; i <= token.length(); i++) {
            if (i == token.length() || token.charAt(i) == '/' || token.charAt(i) == '+') {
                if (i - start >= MIN_TOKEN_LENGTH && i - start < token.length()) {
                    addForms(needles, token.substring(start, i));
                }
                start = i + 1;
            }
        }
    }

    private static boolean isSeparator(char c) {
        switch (c) {
            case '"': case '\'': case ';': case ',': case '&': case '=': case ':': case '@': case '?': case '#':
            case '(': case ')': case '[': case ']': case '{': case '}': case '<': case '>': case '|': case '\\':
            case '`':
                return true;
            default:
                return Character.isWhitespace(c);
        }
    }

    /**
     * The token ending at {@code end} is directly followed by {@code =} and a value ({@code username="alice"},
     * {@code EndpointSuffix=core…}): an option name. Base64 padding ({@code …Q==}, {@code …Q=} before a space or
     * the end) is not.
     */
    private static boolean isOptionName(String value, int end) {
        if (end + 1 >= value.length() || value.charAt(end) != '=') {
            return false;
        }
        char next = value.charAt(end + 1);
        return next != '=' && !Character.isWhitespace(next);
    }

    /** The token {@code value[start, end)} is a JSON object key: {@code "client_email": …}. */
    private static boolean isJsonKey(String value, int start, int end) {
        if (start == 0 || value.charAt(start - 1) != '"' || end >= value.length() || value.charAt(end) != '"') {
            return false;
        }
        int i = end + 1;
        while (i < value.length() && value.charAt(i) == ' ') {
            i++;
        }
        return i < value.length() && value.charAt(i) == ':';
    }

    /**
     * {@code org.apache.kafka.common.security.plain.PlainLoginModule}: two or more lower-case package segments, then
     * a capitalised class name, all Java identifiers.
     */
    private static boolean isClassName(String token) {
        String[] segments = token.split("\\.", -1);
        if (segments.length < 3) {
            return false;
        }
        for (int s = 0; s < segments.length; s++) {
            String segment = segments[s];
            boolean last = s == segments.length - 1;
            if (segment.isEmpty() || !Character.isJavaIdentifierStart(segment.charAt(0))
                    || (last ? !Character.isUpperCase(segment.charAt(0)) : !segment.equals(segment.toLowerCase(Locale.ROOT)))) {
                return false;
            }
            for (int i = 1; i < segment.length(); i++) {
                if (!Character.isJavaIdentifierPart(segment.charAt(i))) {
                    return false;
                }
            }
        }
        return true;
    }
}
