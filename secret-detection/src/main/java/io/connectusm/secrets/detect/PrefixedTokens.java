package io.connectusm.secrets.detect;

import java.util.ArrayList;
import java.util.List;

/**
 * Tokens that announce themselves with a fixed prefix: GitHub, GitLab, Slack, Google, Stripe and other SaaS
 * tokens, and incoming-webhook URLs. Each entry is a prefix, the alphabet of the body that follows, its length
 * range and, for a few, a marker the body must contain; the body must end at a non-alphanumeric character.
 *
 * <p>The table is ours (prefixes are public facts; lengths and alphabets are chosen loosely so that new token
 * formats of the same issuer still match). Looked up by the first character at a word start; every check scans at
 * most the body's maximum length. Stateless; the table is immutable.
 */
final class PrefixedTokens {

    /** Body alphabets. */
    enum Alphabet {
        ALNUM, ALNUM_UNDERSCORE, TOKEN, TOKEN_DOT, HEX, UPPER_DIGIT, LETTERS, BASE64, BASE64_PATH, URL_PATH, HEX_DASH;

        boolean accepts(char c) {
            switch (this) {
                case ALNUM:
                    return Chars.isAlnum(c);
                case ALNUM_UNDERSCORE:
                    return Chars.isAlnum(c) || c == '_';
                case TOKEN:
                    return Chars.isBase64Url(c);
                case TOKEN_DOT:
                    return Chars.isBase64Url(c) || c == '.';
                case HEX:
                    return Chars.isHexLower(c);
                case UPPER_DIGIT:
                    return Chars.isUpper(c) || Chars.isDigit(c);
                case LETTERS:
                    return Chars.isLetter(c);
                case BASE64:
                    return Chars.isBase64(c) || c == '=';
                case BASE64_PATH:
                    return Chars.isAlnum(c) || c == '/';
                case URL_PATH:
                    return Chars.isBase64Url(c) || c == '/' || c == '.' || c == '@';
                case HEX_DASH:
                    return Chars.isHexLower(c) || c == '-';
                default:
                    return false;
            }
        }
    }

    /** One announced token format. */
    static final class Format {
        final String prefix;
        final Alphabet alphabet;
        final int min;
        final int max;
        final CredentialKind kind;
        final String marker;

        Format(String prefix, Alphabet alphabet, int min, int max, CredentialKind kind, String marker) {
            this.prefix = prefix;
            this.alphabet = alphabet;
            this.min = min;
            this.max = max;
            this.kind = kind;
            this.marker = marker;
        }
    }

    static final List<Format> FORMATS = List.of(
            // GitHub: classic personal, OAuth, user-to-server, server-to-server, refresh; fine-grained PATs.
            format("ghp_", Alphabet.ALNUM, 30, 255, CredentialKind.GITHUB_TOKEN),
            format("gho_", Alphabet.ALNUM, 30, 255, CredentialKind.GITHUB_TOKEN),
            format("ghu_", Alphabet.ALNUM, 30, 255, CredentialKind.GITHUB_TOKEN),
            format("ghs_", Alphabet.ALNUM, 30, 255, CredentialKind.GITHUB_TOKEN),
            format("ghr_", Alphabet.ALNUM, 30, 255, CredentialKind.GITHUB_TOKEN),
            format("github_pat_", Alphabet.ALNUM_UNDERSCORE, 50, 255, CredentialKind.GITHUB_TOKEN),
            // GitLab: personal, deploy, runner, pipeline trigger, SCIM/OAuth, CI build, feed, incoming mail, agent.
            format("glpat-", Alphabet.TOKEN, 20, 255, CredentialKind.GITLAB_TOKEN),
            format("gldt-", Alphabet.TOKEN, 20, 255, CredentialKind.GITLAB_TOKEN),
            format("glrt-", Alphabet.TOKEN, 20, 255, CredentialKind.GITLAB_TOKEN),
            format("glptt-", Alphabet.TOKEN, 20, 255, CredentialKind.GITLAB_TOKEN),
            format("glsoat-", Alphabet.TOKEN, 20, 255, CredentialKind.GITLAB_TOKEN),
            format("gloas-", Alphabet.TOKEN, 20, 255, CredentialKind.GITLAB_TOKEN),
            format("glcbt-", Alphabet.TOKEN, 20, 255, CredentialKind.GITLAB_TOKEN),
            format("glft-", Alphabet.TOKEN, 20, 255, CredentialKind.GITLAB_TOKEN),
            format("glimt-", Alphabet.TOKEN, 20, 255, CredentialKind.GITLAB_TOKEN),
            format("glagent-", Alphabet.TOKEN, 20, 255, CredentialKind.GITLAB_TOKEN),
            // Slack: bot, user, app-level, refresh, legacy workspace and configuration tokens.
            format("xoxb-", Alphabet.TOKEN, 20, 255, CredentialKind.SLACK_TOKEN),
            format("xoxp-", Alphabet.TOKEN, 20, 255, CredentialKind.SLACK_TOKEN),
            format("xoxa-", Alphabet.TOKEN, 20, 255, CredentialKind.SLACK_TOKEN),
            format("xoxr-", Alphabet.TOKEN, 20, 255, CredentialKind.SLACK_TOKEN),
            format("xoxs-", Alphabet.TOKEN, 20, 255, CredentialKind.SLACK_TOKEN),
            format("xoxe-", Alphabet.TOKEN, 20, 255, CredentialKind.SLACK_TOKEN),
            format("xoxe.xoxp-", Alphabet.TOKEN, 20, 255, CredentialKind.SLACK_TOKEN),
            format("xapp-", Alphabet.TOKEN, 20, 255, CredentialKind.SLACK_TOKEN),
            // Incoming webhooks: the URL path is the credential.
            format("hooks.slack.com/services/", Alphabet.BASE64_PATH, 20, 200, CredentialKind.WEBHOOK_URL),
            format("hooks.slack.com/workflows/", Alphabet.BASE64_PATH, 20, 200, CredentialKind.WEBHOOK_URL),
            format("discord.com/api/webhooks/", Alphabet.URL_PATH, 30, 200, CredentialKind.WEBHOOK_URL),
            format("discordapp.com/api/webhooks/", Alphabet.URL_PATH, 30, 200, CredentialKind.WEBHOOK_URL),
            format("webhook.office.com/webhookb2/", Alphabet.URL_PATH, 30, 400, CredentialKind.WEBHOOK_URL),
            // Google: API key, OAuth client secret, OAuth access token.
            format("AIza", Alphabet.TOKEN, 35, 35, CredentialKind.GOOGLE_CREDENTIAL),
            format("GOCSPX-", Alphabet.TOKEN, 24, 64, CredentialKind.GOOGLE_CREDENTIAL),
            format("ya29.", Alphabet.TOKEN_DOT, 20, 4096, CredentialKind.GOOGLE_CREDENTIAL),
            // Stripe: secret and restricted keys (live and test), webhook signing secrets.
            format("sk_live_", Alphabet.ALNUM, 16, 255, CredentialKind.STRIPE_KEY),
            format("sk_test_", Alphabet.ALNUM, 16, 255, CredentialKind.STRIPE_KEY),
            format("rk_live_", Alphabet.ALNUM, 16, 255, CredentialKind.STRIPE_KEY),
            format("rk_test_", Alphabet.ALNUM, 16, 255, CredentialKind.STRIPE_KEY),
            format("whsec_", Alphabet.ALNUM, 24, 255, CredentialKind.STRIPE_KEY),
            // Other SaaS tokens.
            format("npm_", Alphabet.ALNUM, 36, 36, CredentialKind.SAAS_TOKEN),
            format("pypi-AgEIcHlwaS5vcmc", Alphabet.TOKEN, 40, 400, CredentialKind.SAAS_TOKEN),
            format("dapi", Alphabet.HEX, 32, 32, CredentialKind.SAAS_TOKEN),
            format("hvs.", Alphabet.TOKEN, 24, 255, CredentialKind.SAAS_TOKEN),
            format("hvb.", Alphabet.TOKEN, 24, 255, CredentialKind.SAAS_TOKEN),
            format("hvr.", Alphabet.TOKEN, 24, 255, CredentialKind.SAAS_TOKEN),
            format("SG.", Alphabet.TOKEN_DOT, 60, 80, CredentialKind.SAAS_TOKEN, "."),
            format("sk-ant-", Alphabet.TOKEN, 32, 255, CredentialKind.SAAS_TOKEN),
            format("sk-proj-", Alphabet.TOKEN, 32, 255, CredentialKind.SAAS_TOKEN),
            format("sk-svcacct-", Alphabet.TOKEN, 32, 255, CredentialKind.SAAS_TOKEN),
            format("sk-admin-", Alphabet.TOKEN, 32, 255, CredentialKind.SAAS_TOKEN),
            format("sk-", Alphabet.ALNUM, 40, 64, CredentialKind.SAAS_TOKEN, "T3BlbkFJ"),
            format("NRAK-", Alphabet.UPPER_DIGIT, 27, 27, CredentialKind.SAAS_TOKEN),
            format("shpat_", Alphabet.HEX, 32, 32, CredentialKind.SAAS_TOKEN),
            format("shpss_", Alphabet.HEX, 32, 32, CredentialKind.SAAS_TOKEN),
            format("shpca_", Alphabet.HEX, 32, 32, CredentialKind.SAAS_TOKEN),
            format("shppa_", Alphabet.HEX, 32, 32, CredentialKind.SAAS_TOKEN),
            format("dop_v1_", Alphabet.HEX, 64, 64, CredentialKind.SAAS_TOKEN),
            format("doo_v1_", Alphabet.HEX, 64, 64, CredentialKind.SAAS_TOKEN),
            format("dor_v1_", Alphabet.HEX, 64, 64, CredentialKind.SAAS_TOKEN),
            format("PMAK-", Alphabet.HEX_DASH, 59, 59, CredentialKind.SAAS_TOKEN),
            format("glc_", Alphabet.BASE64, 32, 400, CredentialKind.SAAS_TOKEN),
            format("glsa_", Alphabet.ALNUM_UNDERSCORE, 32, 64, CredentialKind.SAAS_TOKEN),
            format("sntrys_", Alphabet.BASE64, 50, 400, CredentialKind.SAAS_TOKEN),
            format("lin_api_", Alphabet.ALNUM, 40, 40, CredentialKind.SAAS_TOKEN),
            format("dckr_pat_", Alphabet.TOKEN, 27, 64, CredentialKind.SAAS_TOKEN),
            format("hf_", Alphabet.LETTERS, 34, 34, CredentialKind.SAAS_TOKEN),
            format("ATATT3", Alphabet.BASE64, 100, 300, CredentialKind.SAAS_TOKEN),
            format("AKCp", Alphabet.ALNUM, 60, 80, CredentialKind.SAAS_TOKEN),
            format("HRKU-", Alphabet.TOKEN, 30, 100, CredentialKind.SAAS_TOKEN),
            format("sq0atp-", Alphabet.TOKEN, 22, 60, CredentialKind.SAAS_TOKEN),
            format("sq0csp-", Alphabet.TOKEN, 40, 60, CredentialKind.SAAS_TOKEN),
            format("key-", Alphabet.HEX, 32, 32, CredentialKind.SAAS_TOKEN),
            format("SK", Alphabet.HEX, 32, 32, CredentialKind.SAAS_TOKEN));

    /** {@link #FORMATS} by the first character of their prefix (ASCII). */
    private static final Format[][] BY_FIRST_CHAR = index(FORMATS);

    private PrefixedTokens() {
    }

    /** The announced token starting at word start {@code i}, or null. */
    static Finding at(String text, int i) {
        char first = text.charAt(i);
        if (first >= BY_FIRST_CHAR.length) {
            return null;
        }
        // Every prefix has at least two characters: comparing the second first spares most startsWith calls (the
        // agent runs this at every word start of every string of every event).
        char second = i + 1 < text.length() ? text.charAt(i + 1) : 0;
        for (Format format : BY_FIRST_CHAR[first]) {
            if (format.prefix.charAt(1) != second || !text.startsWith(format.prefix, i)) {
                continue;
            }
            int bodyStart = i + format.prefix.length();
            int end = bodyStart;
            int limit = Math.min(text.length(), bodyStart + format.max + 1);
            while (end < limit && format.alphabet.accepts(text.charAt(end))) {
                end++;
            }
            int body = end - bodyStart;
            if (body < format.min || body > format.max || (end < text.length() && Chars.isAlnum(text.charAt(end)))) {
                continue;
            }
            if (format.marker != null && !containsWithin(text, format.marker, bodyStart, end)) {
                continue;
            }
            return new Finding(i, end, format.kind);
        }
        return null;
    }

    private static Format format(String prefix, Alphabet alphabet, int min, int max, CredentialKind kind) {
        return new Format(prefix, alphabet, min, max, kind, null);
    }

    private static Format format(String prefix, Alphabet alphabet, int min, int max, CredentialKind kind,
                                 String marker) {
        return new Format(prefix, alphabet, min, max, kind, marker);
    }

    private static Format[][] index(List<Format> formats) {
        List<List<Format>> lists = new ArrayList<>();
        for (int c = 0; c < 128; c++) {
            lists.add(new ArrayList<>());
        }
        for (Format format : formats) {
            if (format.prefix.length() < 2) {
                throw new IllegalStateException("a token prefix has at least two characters (at() compares the second)");
            }
            lists.get(format.prefix.charAt(0)).add(format);
        }
        Format[][] table = new Format[128][];
        for (int c = 0; c < 128; c++) {
            // Longer prefixes first: "sk-proj-" before "sk-".
            List<Format> list = lists.get(c);
            list.sort((a, b) -> b.prefix.length() - a.prefix.length());
            table[c] = list.toArray(new Format[0]);
        }
        return table;
    }

    /** Whether {@code marker} occurs inside {@code text[from, to)}; scans that range only. */
    private static boolean containsWithin(String text, String marker, int from, int to) {
        for (int at = from; at + marker.length() <= to; at++) {
            if (text.startsWith(marker, at)) {
                return true;
            }
        }
        return false;
    }
}
