package io.connectusm.secrets.detect;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static io.connectusm.secrets.detect.ScanAssertions.inText;
import static io.connectusm.secrets.detect.ScanAssertions.inValue;
import static org.assertj.core.api.Assertions.assertThat;

class UrlCredentialsTest {

    @Test
    void findsThePasswordOfUserInfoAndNothingOfHostOrPath() {
        assertThat(inValue("jdbc:postgresql://alice:Pg-S3cret@db:5432/app?ssl=true"))
                .containsExactly("url-user-info:Pg-S3cret");
        assertThat(inValue("https://u:p4ss@[2001:db8::1]:8443/x")).containsExactly("url-user-info:p4ss");
    }

    @Test
    void aPasswordMayHoldAtSignsAndSlashes() {
        assertThat(inValue("mongodb://bob:Mo/ngo@S3cret@mongo1:27017,mongo2:27017/db"))
                .containsExactly("url-user-info:Mo/ngo@S3cret");
    }

    @Test
    void anEmailUserWithAnUnencodedAtSignKeepsItsAddress() {
        assertThat(inValue("https://me@example.com:pw0rd@host.example.com/x")).containsExactly("url-user-info:pw0rd");
    }

    @Test
    void aTokenAsTheOnlyUserIsFoundButANameIsNot() {
        assertThat(inValue("https://a1B2c3D4e5F6g7H8i9J0k1L2@github.com/x"))
                .containsExactly("url-user-info:a1B2c3D4e5F6g7H8i9J0k1L2");
        assertThat(inValue("https://git@github.com/x")).isEmpty();
        assertThat(inValue("https://alice.smith@example.com/x")).isEmpty();
        assertThat(inValue("https://a1B2c3D4e5F6g7H8i9J0k1L2:x-oauth-basic@github.com/x"))
                .containsExactly("url-user-info:a1B2c3D4e5F6g7H8i9J0k1L2:x-oauth-basic");
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://registry.example.org:443/@scope/pkg", "https://registry.npmjs.org/@babel/core",
        "https://cdn.jsdelivr.net/npm/jquery@3.6.0/dist/jquery.min.js", "file:///data/in@2x.png",
        "https://host:8080/a/b@c", "https://en.wikipedia.org/wiki/User:Alice@home", "git@github.com:org/repo.git",
        "ssh://git@github.com/org/repo.git", "mailto:alice@example.com", "User:alice@EXAMPLE.COM",
        "kafka/broker1.example.com@EXAMPLE.COM", "npm/jquery@3.6.0/dist", "12:30@home", "https://u:********@h/x"})
    void atSignsThatAreNoCredentialsStay(String value) {
        assertThat(inValue(value)).isEmpty();
        assertThat(inText(value)).isEmpty();
    }

    @Test
    void oracleUserPasswordAfterTheDriverOrBeforeHostAndPort() {
        assertThat(inValue("jdbc:oracle:thin:scott/tiger1@db:1521/XE"))
                .containsExactly("oracle-user-password:tiger1");
        assertThat(inValue("jdbc:oracle:oci:app/s3cret@orclpdb")).containsExactly("oracle-user-password:s3cret");
        assertThat(inValue("scott/tiger1@//db.example.com:1521/ORCL")).containsExactly("oracle-user-password:tiger1");
        assertThat(inValue("scott/tiger1@db:1521/XE")).containsExactly("oracle-user-password:tiger1");
        assertThat(inValue("scott/tiger1@orcl")).as("a bare alias is indistinguishable from a principal").isEmpty();
    }

    @Test
    void schemeLessUserPasswordBeforeAHost() {
        assertThat(inValue("alice:S3cret@proxy.local:3128")).containsExactly("url-user-info:S3cret");
        assertThat(inText("curl -u alice:S3cret@api.example.com")).containsExactly("url-user-info:S3cret");
    }

    @Test
    void everyUrlOfAListIsExamined() {
        assertThat(inValue("SASL_SSL://u:p1x@b1:9093,SASL_SSL://u:p2y@b2:9093"))
                .containsExactly("url-user-info:p1x", "url-user-info:p2y");
    }
}
