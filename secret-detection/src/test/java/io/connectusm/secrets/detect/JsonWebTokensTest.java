package io.connectusm.secrets.detect;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import static io.connectusm.secrets.detect.ScanAssertions.inText;
import static io.connectusm.secrets.detect.ScanAssertions.inValue;
import static org.assertj.core.api.Assertions.assertThat;

class JsonWebTokensTest {

    private static String b64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    private static final String HEADER = b64("{\"alg\":\"RS256\",\"kid\":\"k1\"}");
    private static final String PAYLOAD = b64("{\"sub\":\"alice\",\"exp\":1900000000}");
    private static final String SIGNATURE = "dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U";

    @Test
    void signedAndUnsignedTokens() {
        String jws = HEADER + "." + PAYLOAD + "." + SIGNATURE;
        assertThat(inValue(jws)).containsExactly("jwt:" + jws);
        assertThat(inText("token " + jws + ", expired")).containsExactly("jwt:" + jws);
        String none = b64("{\"alg\":\"none\"}") + "." + PAYLOAD + ".";
        assertThat(inValue(none)).containsExactly("jwt:" + none);
    }

    @Test
    void encryptedTokensOfFiveParts() {
        String jwe = b64("{\"alg\":\"RSA-OAEP\",\"enc\":\"A256GCM\"}") + ".a2V5a2V5a2V5.aXZpdg.Y2lwaGVy.dGFn";
        assertThat(inValue(jwe)).containsExactly("jwt:" + jwe);
    }

    @Test
    void lookalikesWithoutAnAlgorithmHeaderAreNoTokens() {
        assertThat(inValue(b64("{\"typ\":\"x\",\"foo\":1}") + "." + PAYLOAD + "." + SIGNATURE)).isEmpty();
        assertThat(inValue("eyJ-not-a-token")).isEmpty();
        assertThat(inValue(HEADER + "." + "short." + SIGNATURE)).isEmpty();
        assertThat(inValue(HEADER)).isEmpty();
    }

    @Test
    void aTokenInAQueryOrAHeaderMasksTheValue() {
        String jws = HEADER + "." + PAYLOAD + "." + SIGNATURE;
        assertThat(inValue("https://app/cb?id_token=" + jws + "&state=1")).containsExactly("jwt:" + jws);
        assertThat(inValue("Authorization: Bearer " + jws)).containsExactly("jwt:" + jws);
    }
}
