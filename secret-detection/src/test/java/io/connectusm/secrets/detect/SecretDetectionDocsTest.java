package io.connectusm.secrets.detect;

import io.connectusm.secrets.GeneratedDocs;
import io.connectusm.secrets.keys.KnownKeys;
import io.connectusm.secrets.keys.SecretNameRule;
import org.junit.jupiter.api.Test;

import java.util.Collection;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The word lists, known keys and token formats that docs/secret-detection.md shows are the code's own: checked,
 * or rewritten with {@code -Dupdate.docs=true}.
 */
class SecretDetectionDocsTest {

    @Test
    void theTokenRuleListsAreTheCodes() throws Exception {
        String lists = "- secret words (anywhere in the key): " + codes(SecretNameRule.SECRET_WORDS) + "\n"
                + "- glued endings (a token ending with one, such as `dbpassword`): "
                + codes(SecretNameRule.GLUED_SECRET_ENDINGS) + "\n"
                + "- words that count only as the last token: " + codes(SecretNameRule.LAST_TOKEN_WORDS) + "\n"
                + "- secret pairs (adjacent tokens): " + codes(SecretNameRule.SECRET_PAIRS.stream()
                        .map(p -> p.replace(' ', '+')).collect(Collectors.toList())) + "\n"
                + "- qualifiers (a last token that names metadata): " + codes(SecretNameRule.QUALIFIERS);
        GeneratedDocs.check("secret-detection.md", "token-rule-lists", lists);
    }

    @Test
    void theKnownPasswordKeysAreTheCodes() throws Exception {
        String keys = "- Kafka clients (read from kafka-clients' `ConfigDef`s when present; this built-in copy is "
                + "checked against Kafka " + org.apache.kafka.common.utils.AppInfoParser.getVersion() + "): "
                + codes(KnownKeys.KAFKA_CLIENT_PASSWORD_KEYS) + "\n"
                + "- Schema Registry client and Confluent components: "
                + codes(KnownKeys.SCHEMA_REGISTRY_AND_CONFLUENT_PASSWORD_KEYS);
        GeneratedDocs.check("secret-detection.md", "known-password-keys", keys);
    }

    @Test
    void theTokenFormatsAreTheCodes() throws Exception {
        StringBuilder table = new StringBuilder("| kind | prefix | body | length |\n|---|---|---|---|\n");
        for (PrefixedTokens.Format format : PrefixedTokens.FORMATS) {
            table.append("| ").append(format.kind.code()).append(" | `").append(format.prefix).append("` | ")
                    .append(describe(format.alphabet))
                    .append(format.marker == null ? "" : ", holding `" + format.marker + "`").append(" | ")
                    .append(format.min == format.max ? String.valueOf(format.min) : format.min + "–" + format.max)
                    .append(" |\n");
        }
        GeneratedDocs.check("secret-detection.md", "token-formats", table.toString());
    }

    private static String describe(PrefixedTokens.Alphabet alphabet) {
        switch (alphabet) {
            case ALNUM:
                return "letters, digits";
            case ALNUM_UNDERSCORE:
                return "letters, digits, `_`";
            case TOKEN:
                return "letters, digits, `-`, `_`";
            case TOKEN_DOT:
                return "letters, digits, `-`, `_`, `.`";
            case HEX:
                return "lower-case hex";
            case UPPER_DIGIT:
                return "upper-case letters, digits";
            case LETTERS:
                return "letters";
            case BASE64:
                return "base64";
            case BASE64_PATH:
                return "letters, digits, `/`";
            case URL_PATH:
                return "letters, digits, `-`, `_`, `/`, `.`, `@`";
            case HEX_DASH:
                return "lower-case hex, `-`";
            default:
                throw new IllegalStateException(alphabet.name());
        }
    }

    private static String codes(Collection<String> words) {
        return new TreeSet<>(words).stream().map(w -> "`" + w + "`").collect(Collectors.joining(", "));
    }
}
