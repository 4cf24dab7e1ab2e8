package io.connectusm.secrets;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The types that hold secrets or their removed parts show none of them when printed or logged. */
class NothingSecretInToStringTest {

    private static final String SECRET = "Zq9-unique-secret-Vx7";

    @Test
    void noTypeShowsASecretValue() {
        MaskedConfig masked = new ConfigMasker(MaskingOptions.defaults()).mask(Map.of("db.password", SECRET,
                "connection.url", "jdbc:mysql://db/x?password=" + SECRET), DeclaredKeys.none());
        Redaction redaction = ValueRedactor.standard().redact("https://u:" + SECRET + "@h/x");
        for (Object holder : List.of(masked, masked.secrets(), masked.traceScrubber(), redaction,
                SecretValues.of(List.of(SECRET)), MaskingOptions.defaults(), DeclaredKeys.none())) {
            assertThat(holder.toString()).doesNotContain(SECRET).doesNotContain("unique");
        }
        assertThat(masked.toString()).contains("db.password");
    }

    @Test
    void errorMessagesNameNoValue() {
        try {
            MaskingPolicy.fromConfigValue(SECRET);
        } catch (IllegalArgumentException e) {
            assertThat(e.getMessage()).doesNotContain(SECRET);
        }
        try {
            MaskReason.fromCode(SECRET);
        } catch (IllegalArgumentException e) {
            assertThat(e.getMessage()).doesNotContain(SECRET);
        }
    }
}
