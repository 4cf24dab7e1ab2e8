package io.connectusm.cli.login;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.connectusm.cli.connect.ConnectCommand;
import io.connectusm.cli.kafka.KafkaCommand;
import io.connectusm.cli.output.CliRun;

class LoginCommandTest {

    @RegisterExtension
    static final TestUsmEndpointExtension usm = new TestUsmEndpointExtension();

    @Test
    void loginReadsTheSecretFromStdinAndWritesAnOwnerOnlyFileThatLaterCommandsUse() throws Exception {
        TestUsmEndpoint endpoint = usm.endpoint();
        Path file = usm.dir().resolve("home/.usm/config.properties");

        CliRun login = CliRun.run(new LoginCommand(), endpoint.admin().secret() + "\n", "--url", endpoint.url(),
                "--api-key", endpoint.admin().key(), "--ca-cert", endpoint.caPem().toString(), "--environment",
                "env-login", "--usm-config", file.toString());

        assertThat(login.exitCode()).as(login.err()).isZero();
        assertThat(login.out()).contains("Logged in to " + endpoint.url()).doesNotContain(endpoint.admin().secret());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent())))
                .isEqualTo("rwx------");

        CliRun kafka = CliRun.run(new KafkaCommand(), null, "register", "--confluent-platform-kafka-cluster", "k-login",
                "--cloud", "aws", "--region", "us-west-2", "--usm-config", file.toString());
        CliRun list = CliRun.run(new ConnectCommand(), null, "list", "--usm-config", file.toString(), "-o", "json");

        assertThat(kafka.exitCode()).as(kafka.err()).isZero();
        assertThat(kafka.out()).contains("env-login");
        assertThat(list.exitCode()).as(list.err()).isZero();
        assertThat(list.out()).isEqualTo("[]\n");
    }

    @Test
    void aWrongSecretIsRejectedAndNothingIsWritten() {
        TestUsmEndpoint endpoint = usm.endpoint();
        Path file = usm.dir().resolve("wrong/config.properties");

        CliRun login = CliRun.run(new LoginCommand(), "not-the-secret\n", "--url", endpoint.url(), "--api-key",
                endpoint.admin().key(), "--ca-cert", endpoint.caPem().toString(), "--usm-config", file.toString());

        assertThat(login.exitCode()).isEqualTo(1);
        assertThat(login.err()).isEqualTo("Error: authentication failed: check the API key and secret\n");
        assertThat(file).doesNotExist();
    }

    @Test
    void withoutTheCaTheTlsErrorSaysHowToFixIt() {
        TestUsmEndpoint endpoint = usm.endpoint();
        CliRun login = CliRun.run(new LoginCommand(), endpoint.admin().secret() + "\n", "--url", endpoint.url(),
                "--api-key", endpoint.admin().key(), "--usm-config",
                usm.dir().resolve("x/config.properties").toString());

        assertThat(login.exitCode()).isEqualTo(1);
        assertThat(login.err()).startsWith("Error: TLS connection to " + endpoint.url()).contains("--ca-cert");
    }
}
