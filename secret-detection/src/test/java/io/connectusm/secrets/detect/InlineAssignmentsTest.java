package io.connectusm.secrets.detect;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static io.connectusm.secrets.detect.ScanAssertions.inText;
import static io.connectusm.secrets.detect.ScanAssertions.inValue;
import static org.assertj.core.api.Assertions.assertThat;

class InlineAssignmentsTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "jdbc:mysql://db/x?user=u&password=S3c&ssl=1        | S3c",
        "jdbc:sqlserver://db;user=sa;password=S3c;encrypt=1 | S3c",
        "Server=db;User Id=u;Password=S3c;                   | S3c",
        "jdbc:db2://h:50000/db:user=u;password=S3c;          | S3c",
        "https://api/x?access_token=S3c&p=2                  | S3c",
        "https://api/x?api_key=S3c                           | S3c",
        "https://api/x?apikey=S3c#frag                       | S3c",
        "https://api/x?pass=S3c                              | S3c",
        "https://api/x?private_key_file_pwd=S3c              | S3c",
        "-Djavax.net.ssl.keyStorePassword=S3c -Xmx1g         | S3c",
        "password = S3c and more                             | S3c and more",
        "x required username=\"u\" password=\"S3c d\";       | S3c d",
        "x required clientSecret=\"S3c\";                    | S3c",
        "x required password=S3c;                            | S3c",
        "<password>S3c</password>                            | S3c",
        "--password S3c                                      | S3c",
        "token:=S3c                                          | S3c",
        "secret => S3c                                       | S3c",
    })
    void cutsTheAssignedValue(String text, String secret) {
        assertThat(inValue(text)).containsExactly("inline-assignment:" + secret);
    }

    @Test
    void quotedAndEscapedJsonValues() {
        assertThat(inValue("{\"user\":\"a\",\"password\":\"S3c\"}")).containsExactly("inline-assignment:S3c");
        assertThat(inValue("{\\\"password\\\":\\\"S3c\\\"}")).containsExactly("inline-assignment:S3c");
        assertThat(inValue("{'password': 'S3c'}")).containsExactly("inline-assignment:S3c");
        assertThat(inValue("{\"password\":\"a\\\"b\"}")).containsExactly("inline-assignment:a\\\"b");
        assertThat(inValue("{\"credentials\":{\"k\":\"S3c\"}}")).containsExactly("inline-assignment:{\"k\":\"S3c\"}");
    }

    @Test
    void anUnclosedQuoteMasksToTheEnd() {
        assertThat(inValue("password=\"S3c and the rest")).containsExactly("inline-assignment:S3c and the rest");
    }

    @Test
    void authorizationHeadersKeepTheirScheme() {
        assertThat(inValue("Authorization: Bearer abc123")).containsExactly("auth-header:abc123");
        assertThat(inValue("Authorization:Basic dXNlcjpwYXNz|Accept:x")).containsExactly("auth-header:dXNlcjpwYXNz");
        assertThat(inValue("Proxy-Authorization: Negotiate YIIabc")).containsExactly("auth-header:YIIabc");
    }

    @Test
    void freeBearerAndBasicCredentials() {
        assertThat(inText("sent Bearer abcDEF0123456789xyz")).containsExactly("auth-header:abcDEF0123456789xyz");
        assertThat(inText("header Basic dXNlcjpwYXNzd29yZA==")).containsExactly("auth-header:dXNlcjpwYXNzd29yZA==");
        assertThat(inText("Bearer authentication is required")).isEmpty();
        assertThat(inText("Basic configuration")).isEmpty();
    }

    @Test
    void azureConnectionStringKeysAreShapes() {
        assertThat(inValue("AccountName=a;AccountKey=YWJj+/==;EndpointSuffix=x")).containsExactly("azure-key:YWJj+/==");
        assertThat(inValue("SharedAccessKeyName=Root;SharedAccessKey=YWJj=")).containsExactly("azure-key:YWJj=");
        assertThat(inValue("https://a/c?sv=2020-08-04&sig=abc%2B")).containsExactly("azure-sas:abc%2B");
        assertThat(inValue("https://a/c?sig=abc")).containsExactly("inline-assignment:abc");
    }

    @Test
    void aColonAfterALowerCaseWordIsNoAssignmentInAValueButIsInText() {
        assertThat(inValue("password:pwd,token:tkn")).isEmpty();
        assertThat(inValue("renames=password:pwd")).isEmpty();
        assertThat(inText("login failed; password:hunter2")).containsExactly("inline-assignment:hunter2");
        assertThat(inValue("password:\"S3c\"")).containsExactly("inline-assignment:S3c");
    }

    @ParameterizedTest
    @ValueSource(strings = {"fields=password,token", "condition=$.password == null",
        "password.file=/etc/pw", "token.ttl.ms=1000", "SELECT id FROM t WHERE api_token = ?",
        "UPDATE t SET token = $1 WHERE id = $2", "password=********", "{\"name\":\"password\"}",
        "at io.x.TokenProvider.fetch(TokenProvider.java:88)", "TokenExpiredException: Token has expired",
        "key.converter=org.apache.kafka.connect.json.JsonConverter", "password.min.length = 12"})
    void namesWithoutSecretsStay(String text) {
        assertThat(inValue(text)).isEmpty();
        assertThat(inText(text)).isEmpty();
    }

    @Test
    void aJaasConfigAssignedInAPropertiesTextRunsToTheEndOfItsLine() {
        assertThat(inValue("bootstrap.servers=b:9092\nsasl.jaas.config=x required password=\"S3c\";\nacks=all"))
                .containsExactly("inline-assignment:x required password=\"S3c\";");
    }
}
