package io.connectusm.extension;

import io.connectusm.events.ConnectorSnapshot;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replaces the password part of credentials embedded in URL-like values, keeping the rest readable:
 * {@code scheme://user:pass@host} (also inside {@code jdbc:…} URLs), Oracle's {@code user/pass@host}, and
 * {@code password=}/{@code pwd=} parameters of JDBC and query strings.
 *
 * <p>Errs on the side of masking: when it cannot tell where a password ends it masks up to the last
 * {@code @} of the URL. Stateless; thread-safe.
 */
final class UrlCredentialStripper {

    /** {@code ://user:} then anything up to the last {@code @} before whitespace, a comma or a quote. */
    private static final Pattern USER_INFO = Pattern.compile("(://[^:/@\\s,\"]*:)([^\\s,\"]*)(@)");
    /** Oracle thin: {@code jdbc:oracle:thin:user/pass@host}. */
    private static final Pattern ORACLE_THIN = Pattern.compile("(?i)(:thin:[^/@\\s,\"]+/)([^\\s,\"]*)(@)");
    /** {@code password=…} up to the next separator of JDBC ({@code ;}) or query ({@code &}) syntax. */
    private static final Pattern PASSWORD_PARAM =
            Pattern.compile("(?i)((?:^|[?&;\\s])(?:password|passwd|pwd)\\s*=)([^&;\\s]*)");

    private UrlCredentialStripper() {
    }

    /** The value with every embedded password replaced by {@link ConnectorSnapshot#MASKED_VALUE}. */
    static String strip(String value) {
        if (value == null || value.isEmpty()) {
            return value;
        }
        String stripped = replaceSecretGroup(USER_INFO, value);
        stripped = replaceSecretGroup(ORACLE_THIN, stripped);
        return replaceSecretGroup(PASSWORD_PARAM, stripped);
    }

    private static String replaceSecretGroup(Pattern pattern, String value) {
        Matcher matcher = pattern.matcher(value);
        if (!matcher.find()) {
            return value;
        }
        StringBuilder out = new StringBuilder();
        do {
            String suffix = matcher.groupCount() >= 3 ? matcher.group(3) : "";
            matcher.appendReplacement(out, Matcher.quoteReplacement(
                    matcher.group(1) + ConnectorSnapshot.MASKED_VALUE + suffix));
        } while (matcher.find());
        matcher.appendTail(out);
        return out.toString();
    }
}
