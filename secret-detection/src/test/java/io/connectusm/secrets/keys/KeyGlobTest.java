package io.connectusm.secrets.keys;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class KeyGlobTest {

    @Test
    void starMatchesAnyRunAndTheWholeKeyMustMatch() {
        assertThat(KeyGlob.of("*.tenant.key").matchesLowerCase("my.tenant.key")).isTrue();
        assertThat(KeyGlob.of("*.tenant.key").matchesLowerCase("my.tenant.key.id")).isFalse();
        assertThat(KeyGlob.of("a*b*c").matchesLowerCase("axxbyyc")).isTrue();
        assertThat(KeyGlob.of("a*b*c").matchesLowerCase("axxbyy")).isFalse();
        assertThat(KeyGlob.of("*").matchesLowerCase("")).isTrue();
        assertThat(KeyGlob.of("exact").matchesLowerCase("exact")).isTrue();
        assertThat(KeyGlob.of("exact").matchesLowerCase("exactly")).isFalse();
    }

    @Test
    void caseIsIgnoredAndDotsAreLiteral() {
        assertThat(KeyGlob.of(" Custom.* ").matchesLowerCase("custom.opaque")).isTrue();
        assertThat(KeyGlob.of("a.b").matchesLowerCase("axb")).isFalse();
    }
}
