package io.connectusm.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class ConfigFingerprintTest {

    // Known answers computed outside this code base (Python hashlib over the documented encoding), so the
    // canonical form is pinned for implementations in other languages.
    @Test
    void matchesKnownAnswersOfTheDocumentedEncoding() {
        Map<String, String> withNull = new HashMap<>();
        withNull.put("a", "1");
        withNull.put("b", null);
        withNull.put("c", "");

        assertThat(ConfigFingerprint.of(Map.of()))
                .isEqualTo("sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
        assertThat(ConfigFingerprint.of(withNull))
                .isEqualTo("sha256:0c3969d9db985492a26956074656b727a0d06e61c91554088a580f0f9849e4a6");
        assertThat(ConfigFingerprint.of(Map.of("ab", "c")))
                .isEqualTo("sha256:f2939f903016e5bb29b1e4a61cdbd376220ca03a24180b39995f2d50f2e0a647");
    }

    @Test
    void ordersKeysByUtf8BytesNotByJavaStringOrder() {
        // U+FB01 sorts after U+1F600 as UTF-16 (a TreeMap's order) but before it as UTF-8.
        TreeMap<String, String> config = new TreeMap<>(Map.of("\uFB01", "ligature", "\uD83D\uDE00", "emoji", "z", "last"));

        assertThat(config.keySet()).as("UTF-16 order").containsExactly("z", "\uD83D\uDE00", "\uFB01");
        assertThat(ConfigFingerprint.of(config))
                .isEqualTo("sha256:772d7aec48e6db49872a33c787f7ccfb9bd5d40e941c07925b9970c84de6a266");
    }

    @Test
    void doesNotDependOnTheMapsIterationOrder() {
        Map<String, String> forward = new LinkedHashMap<>();
        Map<String, String> backward = new LinkedHashMap<>();
        for (int i = 0; i < 50; i++) {
            forward.put("key." + i, "value." + i);
            backward.put("key." + (49 - i), "value." + (49 - i));
        }

        assertThat(ConfigFingerprint.of(forward)).isEqualTo(ConfigFingerprint.of(backward));
    }

    @Test
    void shiftingABoundaryBetweenKeyAndValueChangesTheFingerprint() {
        assertThat(ConfigFingerprint.of(Map.of("ab", "c"))).isNotEqualTo(ConfigFingerprint.of(Map.of("a", "bc")));
        assertThat(ConfigFingerprint.of(Map.of("a", "b", "c", "d")))
                .isNotEqualTo(ConfigFingerprint.of(Map.of("a", "b\u0000\u0000\u0000\u0001c\u0000\u0000\u0000\u0001d")));
    }

    @Test
    void nullAndEmptyValuesDiffer() {
        Map<String, String> withNull = new HashMap<>();
        withNull.put("k", null);

        assertThat(ConfigFingerprint.of(withNull)).isNotEqualTo(ConfigFingerprint.of(Map.of("k", "")));
    }

    @Test
    void everyFingerprintIsWellFormed() {
        String fingerprint = ConfigFingerprint.of(Map.of("x", "y"));

        assertThat(ConfigFingerprint.isWellFormed(fingerprint)).isTrue();
        assertThat(fingerprint).startsWith(ConfigFingerprint.PREFIX).hasSize(71);
        assertThat(ConfigFingerprint.isWellFormed(fingerprint.toUpperCase())).isFalse();
        assertThat(ConfigFingerprint.isWellFormed("sha256:abc")).isFalse();
        assertThat(ConfigFingerprint.isWellFormed("md5:" + "0".repeat(64))).isFalse();
        assertThat(ConfigFingerprint.isWellFormed(null)).isFalse();
    }

    @Test
    void refusesAValueWithoutExactUtf8NamingTheKeyOnly() {
        String value = "secret\uD800";

        IllegalArgumentException error = catchThrowableOfType(IllegalArgumentException.class,
                () -> ConfigFingerprint.of(Map.of("db.password", value)));

        assertThat(error).hasMessageContaining("db.password").hasMessageNotContaining("secret");
    }

    /** The fast path's form: entries as UTF-8 slices of a document, hashed as they are, when the keys are sorted. */
    @Test
    void theFingerprintOfSlicesIsTheFingerprintOfTheStrings() {
        java.util.Random random = new java.util.Random(17);
        for (int round = 0; round < 500; round++) {
            TreeMap<String, String> config = new TreeMap<>();
            for (int i = random.nextInt(12); i > 0; i--) {
                config.put(ascii(random), random.nextInt(5) == 0 ? null : ascii(random));
            }
            StringBuilder document = new StringBuilder("{");
            int[] slices = new int[4 * config.size()];
            int at = 0;
            for (Map.Entry<String, String> entry : config.entrySet()) {
                document.append('"');
                slices[at++] = document.length();
                document.append(entry.getKey());
                slices[at++] = document.length();
                document.append("\":");
                if (entry.getValue() == null) {
                    slices[at++] = -1;
                    slices[at++] = -1;
                    document.append("null,");
                } else {
                    document.append('"');
                    slices[at++] = document.length();
                    document.append(entry.getValue());
                    slices[at++] = document.length();
                    document.append("\",");
                }
            }
            byte[] bytes = document.toString().getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            String fingerprint = ConfigFingerprint.of(config);
            assertThat(ConfigFingerprint.ofUtf8(bytes, slices, config.size())).isEqualTo(fingerprint);
            assertThat(ConfigFingerprint.isOfUtf8(fingerprint, bytes, slices, config.size())).isTrue();
            // Any one character of the fingerprint changed (a hex digit to another, the prefix), one short: no match.
            int where = random.nextInt(fingerprint.length());
            char other = fingerprint.charAt(where) == 'f' ? '0' : (char) (fingerprint.charAt(where) + 1);
            String changed = fingerprint.substring(0, where) + other + fingerprint.substring(where + 1);
            assertThat(ConfigFingerprint.isOfUtf8(changed, bytes, slices, config.size())).isFalse();
            assertThat(ConfigFingerprint.isOfUtf8(fingerprint.substring(1), bytes, slices, config.size())).isFalse();
            assertThat(ConfigFingerprint.isOfUtf8(fingerprint.toUpperCase(java.util.Locale.ROOT), bytes, slices,
                    config.size())).isFalse();
            if (config.size() > 1) {
                // Out of order: the caller is sent the strings' way.
                int[] swapped = slices.clone();
                System.arraycopy(slices, 0, swapped, 4, 4);
                System.arraycopy(slices, 4, swapped, 0, 4);
                assertThat(ConfigFingerprint.ofUtf8(bytes, swapped, config.size())).isNull();
                assertThat(ConfigFingerprint.isOfUtf8(fingerprint, bytes, swapped, config.size())).isNull();
            }
        }
    }

    private static String ascii(java.util.Random random) {
        char[] text = new char[random.nextInt(6)];
        for (int i = 0; i < text.length; i++) {
            text[i] = (char) (' ' + random.nextInt(95));
            if (text[i] == '"' || text[i] == '\\') {
                text[i] = 'q';
            }
        }
        return new String(text);
    }
}
