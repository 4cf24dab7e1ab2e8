package io.connectusm.secrets.detect;

import org.junit.jupiter.api.Test;

import java.util.List;

import static io.connectusm.secrets.detect.ScanAssertions.inText;
import static io.connectusm.secrets.detect.ScanAssertions.inValue;
import static org.assertj.core.api.Assertions.assertThat;

class AwsKeysTest {

    private static final String SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";

    @Test
    void accessKeyIdsOfEveryKind() {
        for (String prefix : List.of("AKIA", "ASIA", "ABIA", "ACCA")) {
            String id = prefix + "IOSFODNN7EXAMPLE";
            assertThat(inValue(id)).containsExactly("aws-access-key-id:" + id);
        }
        assertThat(inValue("AKIAIOSFODNN7EXAMPLEX")).as("too long").isEmpty();
        assertThat(inValue("AKIA-TEST-ONLY")).isEmpty();
    }

    @Test
    void secretKeysCountOnlyInAnAwsContext() {
        assertThat(inText("aws_secret_access_key " + SECRET)).containsExactly("aws-secret-key:" + SECRET);
        assertThat(inText("AKIAIOSFODNN7EXAMPLE " + SECRET))
                .containsExactly("aws-access-key-id:AKIAIOSFODNN7EXAMPLE", "aws-secret-key:" + SECRET);
        assertThat(inText("some id " + SECRET)).as("no AWS context").isEmpty();
        assertThat(inText("laws and " + SECRET)).as("aws inside another word").isEmpty();
        assertThat(CredentialScanner.instance().scan(SECRET, CredentialScanner.Mode.VALUE, true)).hasSize(1);
    }

    @Test
    void hexDigestsAreNoSecretKeys() {
        assertThat(inText("aws commit 3f786850e387550fdab836ed7e6dc881de23001b")).isEmpty();
    }
}
