package io.connectusm.secrets;

import io.connectusm.secrets.detect.CredentialKind;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ScrubbersTest {

    @Test
    void theTextScrubberReturnsTheSameStringWhenNothingIsFoundAndReportsKindsOnly() {
        String clean = "WorkerSinkTask{id=orders-0} Task threw an uncaught and unrecoverable exception";
        assertThat(TextScrubber.standard().scrub(clean)).isSameAs(clean);
        assertThat(TextScrubber.standard().scrub(null)).isNull();
        List<CredentialKind> kinds = new ArrayList<>();
        String scrubbed = TextScrubber.standard().scrub("url https://u:pw1@h/x and AKIAIOSFODNN7EXAMPLE", kinds::add);
        assertThat(scrubbed).isEqualTo("url https://u:********@h/x and ********");
        assertThat(kinds).containsExactly(CredentialKind.URL_USER_INFO, CredentialKind.AWS_ACCESS_KEY_ID);
    }

    @Test
    void scrubbingIsIdempotent() {
        String once = TextScrubber.standard().scrub("password=abc token: xyz Bearer abcdefghij0123456789");
        assertThat(TextScrubber.standard().scrub(once)).isEqualTo(once);
        List<CredentialKind> again = new ArrayList<>();
        TextScrubber.standard().scrub(once, again::add);
        assertThat(again).as("already masked values are not counted again").isEmpty();
    }

    @Test
    void aTraceLosesTheConnectorsSecretsTheirTokensAndTheirEncodedForms() {
        String jaas = "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"alice\" "
                + "password=\"first-half second/half+x\";";
        MaskedConfig masked = new ConfigMasker(MaskingOptions.defaults())
                .mask(Map.of("sasl.jaas.config", jaas, "name", "c1"), DeclaredKeys.none());
        TraceScrubber scrubber = masked.traceScrubber();
        List<CredentialKind> kinds = new ArrayList<>();
        String trace = "Value not specified for key 'second/half+x' in JAAS config; raw second%2Fhalf%2Bx; "
                + "user alice required; module org.apache.kafka.common.security.plain.PlainLoginModule";
        assertThat(scrubber.scrub(trace, kinds::add)).isEqualTo("Value not specified for key '********' in JAAS "
                + "config; raw ********; user alice required; module "
                + "org.apache.kafka.common.security.plain.PlainLoginModule");
        assertThat(kinds).containsOnly(CredentialKind.KNOWN_SECRET).hasSize(2);
    }

    @Test
    void shortAndTrivialValuesAreNotSearchedInTraces() {
        MaskedConfig masked = new ConfigMasker(MaskingOptions.defaults())
                .mask(Map.of("a.password", "abc", "b.token", "null"), DeclaredKeys.none());
        String trace = "abc is null";
        assertThat(masked.traceScrubber().scrub(trace)).isSameAs(trace);
        assertThat(masked.secrets().size()).isEqualTo(2);
    }

    @Test
    void partsCutFromValuesAreSearchedToo() {
        MaskedConfig masked = new ConfigMasker(MaskingOptions.defaults())
                .mask(Map.of("connection.url", "jdbc:mysql://db/x?user=u&password=Cut-Part-9"), DeclaredKeys.none());
        assertThat(masked.traceScrubber().scrub("login with Cut-Part-9 failed")).isEqualTo("login with ******** failed");
    }
}
