package io.connectusm.certs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SubjectAlternativeNameTest {

    @Test
    void normalisesWhatItAccepts() {
        assertThat(SubjectAlternativeName.dns("USM-Agent.Example.COM")).hasToString("DNS:usm-agent.example.com");
        assertThat(SubjectAlternativeName.dns("*.agents.example.com").value()).isEqualTo("*.agents.example.com");
        assertThat(SubjectAlternativeName.ip(" 10.0.0.5 ")).hasToString("IP:10.0.0.5");
        assertThat(SubjectAlternativeName.ip("::1").value()).isEqualTo("0:0:0:0:0:0:0:1");
        assertThat(SubjectAlternativeName.uri("urn:connect-usm:connect:connect-group-xyz123").kind())
                .isEqualTo(SubjectAlternativeName.Kind.URI);
    }

    @ParameterizedTest
    @ValueSource(strings = {"999.1.1.1", "1.2.3", "localhost", "10.0.0.256", "::zz", ""})
    void rejectsWhatIsNotAnIpAddressWithoutLookingItUp(String text) {
        assertThatThrownBy(() -> SubjectAlternativeName.ip(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("'" + text + "' is not an IP address (expected IPv4 such as 10.0.0.5 or IPv6 such as ::1;"
                        + " use a DNS option for host names)");
    }

    @ParameterizedTest
    @ValueSource(strings = {"under_score.example.com", "-leading.example.com", "a..b", "spaces in name", "",
        "ex*ample.com", "10.0.0.1:9092"})
    void rejectsWhatIsNotADnsName(String text) {
        assertThatThrownBy(() -> SubjectAlternativeName.dns(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("'" + text + "' is not a DNS name");
    }

    @Test
    void rejectsRelativeAndMalformedUris() {
        assertThatThrownBy(() -> SubjectAlternativeName.uri("connect-group-xyz123"))
                .hasMessageStartingWith("'connect-group-xyz123' is not an absolute URI");
        assertThatThrownBy(() -> SubjectAlternativeName.uri("urn:has space"))
                .hasMessageStartingWith("'urn:has space' is not a URI");
    }

    @Test
    void leafSpecNeedsACommonNameAndAPurpose() {
        assertThatThrownBy(() -> LeafSpec.server(" ").build())
                .hasMessageContaining("needs a common name");
        assertThatThrownBy(() -> LeafSpec.builder("nobody", List.of()).build())
                .hasMessageContaining("needs at least one purpose: server, client or both");
        assertThatThrownBy(() -> LeafSpec.client("x".repeat(65)).build())
                .hasMessageContaining("longer than 64 characters");
    }

    @Test
    void leafSpecRejectsNonPositiveLifetimesAndInvertedWindows() {
        assertThatThrownBy(() -> LeafSpec.client("x").days(0))
                .hasMessage("a certificate must be valid for at least 1 day, not 0");
        Instant now = Instant.now();
        assertThatThrownBy(() -> LeafSpec.client("x").validity(now, now.minusSeconds(1)))
                .hasMessageStartingWith("a validity window must end after it starts");
    }

    @Test
    void leafSpecCollectionsAreImmutableCopies() {
        LeafSpec spec = LeafSpec.server("usm-agent").dns("localhost").ip("127.0.0.1").build();

        assertThat(spec.subjectAlternativeNames()).extracting(Object::toString)
                .containsExactly("DNS:localhost", "IP:127.0.0.1");
        assertThatThrownBy(() -> spec.purposes().add(KeyPurpose.CLIENT_AUTH))
                .isInstanceOf(UnsupportedOperationException.class);
    }
}
