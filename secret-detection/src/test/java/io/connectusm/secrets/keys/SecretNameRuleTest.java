package io.connectusm.secrets.keys;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class SecretNameRuleTest {

    @ParameterizedTest
    @ValueSource(strings = {"api.key", "apikey", "datadog.api.key", "azure.storage.account.key", "snowflake.private.key",
        "snowflake.private.key.passphrase", "client_secret", "clientSecret", "secret", "token", "access_token",
        "auth.header", "authHeaders", "signing.key", "encryption.key", "db_password", "dbPassword", "passwd", "pwd",
        "hmac.key", "sas.token", "smtp.pass", "azure.sig", "sasl.jaas.config", "authorization", "gcp.credentials.json",
        "mysqlpwd", "x-api-key", "password2", "predicates.isTombstone.password", "use.password"})
    void secretNamesOfIssue9AndTheirSpellings(String key) {
        assertThat(SecretNameRule.looksSecret(KeyTokens.of(key))).as(key).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"aws.credentials.provider.class", "gcs.credentials.path", "credentials.file",
        "aws.secret.name", "aws.secret.region", "kerberos.credentials.cache", "auth.header.name", "token.endpoint.url",
        "password.min.length", "token.ttl.ms", "api.key.id", "secret.arn", "token.type", "private.key.file",
        "pass.through.headers", "key.converter", "primary.key.mode", "tokenizer", "ssl.keystore.location",
        "signature.algorithm", "TokenExpiredException", "bypass", "passport.number", "keystore.type"})
    void metadataAboutSecretsAndLookalikesAreNotSecret(String key) {
        assertThat(SecretNameRule.looksSecret(KeyTokens.of(key))).as(key).isFalse();
    }

    @Test
    void aQualifierIsNeverASecretWord() {
        Set<String> words = new HashSet<>(SecretNameRule.SECRET_WORDS);
        words.addAll(SecretNameRule.LAST_TOKEN_WORDS);
        words.retainAll(SecretNameRule.QUALIFIERS);
        assertThat(words).isEmpty();
        for (String qualifier : SecretNameRule.QUALIFIERS) {
            assertThat(SecretNameRule.GLUED_SECRET_ENDINGS).noneMatch(qualifier::endsWith);
        }
    }

    @Test
    void theStrictPolicyLeavesNamesEndingInAQualifier() {
        assertThat(SecretNameRule.namesMetadata(KeyTokens.of("connection.url"))).isTrue();
        assertThat(SecretNameRule.namesMetadata(KeyTokens.of("vendor.blob"))).isFalse();
    }
}
