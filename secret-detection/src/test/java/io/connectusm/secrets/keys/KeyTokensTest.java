package io.connectusm.secrets.keys;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

class KeyTokensTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "db_password                       | db password",
        "dbPassword                        | db password",
        "DB_PASSWORD                       | db password",
        "db-password                       | db password",
        "dbpassword                        | dbpassword",
        "HTTPHeaders                       | http headers",
        "x-api-key                         | x api key",
        "apiKey                            | api key",
        "db2password                       | db 2 password",
        "password2                         | password 2",
        "-Djavax.net.ssl.keyStorePassword  | djavax net ssl key store password",
        "predicates.isTombstone.secret     | predicates is tombstone secret",
        "SharedAccessKeyName               | shared access key name",
        "oauth2.client.secret              | oauth 2 client secret",
        "...                               | ''",
        "PaSsWoRd                          | password",
        "pAsSwOrD                          | password",
        "db.PaSsWoRd                       | db password",
        "PaSsWoRd2                         | password 2",
        "getIOStream                       | get io stream",
        "aPIKey                            | a pi key",
    })
    void splitsOnSeparatorsCamelCaseAndDigits(String key, String tokens) {
        assertThat(KeyTokens.of(key)).isEqualTo(tokens.isEmpty() ? Arrays.asList() : Arrays.asList(tokens.split(" ")));
    }
}
