package io.connectusm.secrets.keys;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Whether the tokens of a key name ({@link KeyTokens}) name a secret.
 *
 * <p>A key looks secret when one of its tokens is a {@linkplain #SECRET_WORDS secret word} or ends with a
 * {@linkplain #GLUED_SECRET_ENDINGS glued secret word} ({@code dbpassword}, {@code apikey}), when its last token is
 * a {@linkplain #LAST_TOKEN_WORDS word that names a secret only at the end} ({@code smtp.pass}, {@code azure.sig}),
 * or when two adjacent tokens form a {@linkplain #SECRET_PAIRS secret pair} ({@code api.key}, {@code private.key}) —
 * <em>unless</em> the key names metadata about the secret rather than the secret: its last token is a
 * {@linkplain #QUALIFIERS qualifier} ({@code aws.secret.name}, {@code gcs.credentials.path},
 * {@code auth.header.name}).
 *
 * <p>The lists are public so that the documentation can be checked against them. Stateless; thread-safe.
 */
public final class SecretNameRule {

    /** A token equal to one of these names a secret anywhere in the key. */
    public static final Set<String> SECRET_WORDS = Set.of(
            "password", "passwords", "passwd", "pwd", "pswd", "passphrase", "passcode",
            "secret", "secrets", "token", "tokens", "credential", "credentials", "creds",
            "jaas", "authorization", "privkey");

    /** A token ending with one of these (glued words such as {@code dbpassword}, {@code apikey}) names a secret. */
    public static final Set<String> GLUED_SECRET_ENDINGS = Set.of(
            "password", "passwords", "passwd", "pwd", "passphrase", "passcode", "secret", "secrets",
            "token", "tokens", "credential", "credentials", "creds",
            "apikey", "apikeys", "accesskey", "privatekey", "secretkey", "accountkey", "signingkey", "masterkey",
            "hmackey", "encryptionkey", "authkey", "sastoken", "authheader", "authheaders");

    /** Words that name a secret only as the last token ({@code smtp.pass}, but not {@code pass.through.headers}). */
    public static final Set<String> LAST_TOKEN_WORDS = Set.of(
            "pass", "pw", "sig", "sas", "signature", "bearer", "cookie");

    /** Adjacent token pairs (first, then second) that name a secret: {@code api.key}, {@code privateKey} … */
    public static final Set<String> SECRET_PAIRS = Set.of(
            "api key", "api keys", "private key", "access key", "account key", "signing key", "sign key",
            "encryption key", "master key", "hmac key", "secret key", "auth key", "app key", "sas key",
            "shared key", "storage key", "session key", "ssh key", "auth header", "auth headers");

    /**
     * A last token that names metadata about a secret (where it is, what it is, how long it lives), not the
     * secret itself: such a key is never masked by name, and never by the strict policy.
     */
    public static final Set<String> QUALIFIERS = Set.of(
            "alg", "algorithm", "algorithms", "arn", "attempts", "audience", "cache", "callback", "charset",
            "claim", "class", "classes", "count", "days", "description", "dir", "directory", "disabled", "doc",
            "enable", "enabled", "encoding", "endpoint", "endpoints", "error", "exception", "expiration", "expires",
            "expiry", "factory", "field", "fields", "file", "filename", "filepath", "files", "folder", "format",
            "generator", "handler", "host", "hosts", "hours", "id", "ids", "interval", "issuer", "kind",
            "label", "length", "level", "lifetime", "location", "locations", "manager", "max", "mechanism",
            "method", "min", "minutes", "mode", "ms", "name", "names", "path", "paths", "pattern", "policies",
            "policy", "port", "prefix", "principal", "property", "protocol", "provider", "providers", "ref",
            "reference", "regex", "region", "required", "retries", "scope", "scopes", "sec", "seconds", "secs",
            "size", "source", "store", "strategy", "timeout", "topic", "ttl", "type", "types", "uri", "uris",
            "url", "urls", "user", "username", "validator", "version");

    /** {@link #SECRET_PAIRS} as first token → second tokens, so that no string is built per token pair. */
    private static final Map<String, Set<String>> PAIRS_BY_FIRST = pairsByFirst(SECRET_PAIRS);

    /** {@link #GLUED_SECRET_ENDINGS} by their last character (ASCII), so most tokens are rejected with one lookup. */
    private static final String[][] ENDINGS_BY_LAST_CHAR = byLastChar(GLUED_SECRET_ENDINGS);

    private SecretNameRule() {
    }

    /** Whether a key with these tokens holds a secret by its name. */
    public static boolean looksSecret(List<String> tokens) {
        int secretAt = firstSecretToken(tokens);
        if (secretAt < 0) {
            return false;
        }
        return !QUALIFIERS.contains(tokens.get(tokens.size() - 1));
    }

    /** Whether a key with these tokens names metadata (its last token is a qualifier): strict policy leaves it. */
    public static boolean namesMetadata(List<String> tokens) {
        return !tokens.isEmpty() && QUALIFIERS.contains(tokens.get(tokens.size() - 1));
    }

    /** The index of the first token that makes the name secret (a pair counts from its first token), or -1. */
    private static int firstSecretToken(List<String> tokens) {
        int last = tokens.size() - 1;
        for (int i = 0; i <= last; i++) {
            String token = tokens.get(i);
            if (SECRET_WORDS.contains(token) || hasGluedSecretEnding(token)) {
                return i;
            }
            if (i > 0) {
                Set<String> seconds = PAIRS_BY_FIRST.get(tokens.get(i - 1));
                if (seconds != null && seconds.contains(token)) {
                    return i - 1;
                }
            }
            if (i == last && LAST_TOKEN_WORDS.contains(token)) {
                return i;
            }
        }
        return -1;
    }

    private static boolean hasGluedSecretEnding(String token) {
        char last = token.charAt(token.length() - 1);
        if (last >= ENDINGS_BY_LAST_CHAR.length) {
            return false;
        }
        for (String ending : ENDINGS_BY_LAST_CHAR[last]) {
            if (token.endsWith(ending)) {
                return true;
            }
        }
        return false;
    }

    private static Map<String, Set<String>> pairsByFirst(Set<String> pairs) {
        Map<String, Set<String>> byFirst = new HashMap<>();
        for (String pair : pairs) {
            int space = pair.indexOf(' ');
            byFirst.computeIfAbsent(pair.substring(0, space), k -> new HashSet<>()).add(pair.substring(space + 1));
        }
        Map<String, Set<String>> immutable = new HashMap<>();
        byFirst.forEach((first, seconds) -> immutable.put(first, Set.copyOf(seconds)));
        return Map.copyOf(immutable);
    }

    private static String[][] byLastChar(Set<String> endings) {
        String[][] table = new String[128][];
        for (int c = 0; c < table.length; c++) {
            final char last = (char) c;
            table[c] = endings.stream().filter(e -> e.charAt(e.length() - 1) == last).toArray(String[]::new);
        }
        return table;
    }
}
