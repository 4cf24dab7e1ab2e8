package io.connectusm.extension;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Config key name patterns whose values are secrets whatever their declared type (secrets kept in STRING keys
 * are common). {@code *} matches any run of characters, matching ignores case and covers the whole key.
 *
 * <p>Immutable; thread-safe.
 */
final class SensitiveNamePatterns {

    /** Always applied; {@code sensitive.key.patterns} adds to them. */
    static final List<String> DEFAULT_PATTERNS = List.of(
            "password", "*.password", "*.secret", "*secret.key", "*.token", "*credentials*",
            "*basic.auth.user.info", "*sasl.jaas.config", "aws.secret.*");

    private final List<Pattern> patterns;

    private SensitiveNamePatterns(List<Pattern> patterns) {
        this.patterns = List.copyOf(patterns);
    }

    /** The defaults plus {@code extra} (blank entries ignored). */
    static SensitiveNamePatterns withDefaultsAnd(List<String> extra) {
        List<Pattern> compiled = new ArrayList<>();
        for (String glob : DEFAULT_PATTERNS) {
            compiled.add(compile(glob));
        }
        for (String glob : extra) {
            if (!glob.isBlank()) {
                compiled.add(compile(glob.trim()));
            }
        }
        return new SensitiveNamePatterns(compiled);
    }

    boolean matches(String key) {
        String lower = key.toLowerCase(Locale.ROOT);
        for (Pattern pattern : patterns) {
            if (pattern.matcher(lower).matches()) {
                return true;
            }
        }
        return false;
    }

    private static Pattern compile(String glob) {
        // "a*b" -> quote("a") + ".*" + quote("b"); limit -1 keeps the empty parts of a leading or trailing '*'.
        return Pattern.compile(String.join(".*", quoteAll(glob.toLowerCase(Locale.ROOT).split("\\*", -1))));
    }

    private static List<String> quoteAll(String[] parts) {
        List<String> quoted = new ArrayList<>(parts.length);
        for (String part : parts) {
            quoted.add(part.isEmpty() ? "" : Pattern.quote(part));
        }
        return quoted;
    }
}
