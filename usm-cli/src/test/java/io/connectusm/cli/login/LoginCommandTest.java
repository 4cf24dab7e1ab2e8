package io.connectusm.cli.login;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.connectusm.cli.connect.ConnectCommand;
import io.connectusm.cli.context.ContextCommand;
import io.connectusm.cli.kafka.KafkaCommand;
import io.connectusm.cli.output.CliRun;
import io.connectusm.cli.output.Golden;
import io.connectusm.cli.output.PrintedTable;

class LoginCommandTest {

    @RegisterExtension
    static final TestUsmEndpointExtension usm = new TestUsmEndpointExtension();

    private static CliRun login(String stdin, Path file, String... more) {
        TestUsmEndpoint endpoint = usm.endpoint();
        String[] base = {"--url", endpoint.url(), "--api-key", endpoint.admin().key(), "--ca-cert",
            endpoint.caPem().toString(), "--usm-config", file.toString()};
        String[] args = java.util.stream.Stream.concat(java.util.Arrays.stream(base), java.util.Arrays.stream(more))
                .toArray(String[]::new);
        return CliRun.run(new LoginCommand(), stdin, args);
    }

    @Test
    void loginReadsTheSecretFromStdinWithoutAPromptAndWritesAnOwnerOnlyFileThatLaterCommandsUse() throws Exception {
        TestUsmEndpoint endpoint = usm.endpoint();
        Path file = usm.dir().resolve("home/.usm/config.properties");

        CliRun login = login(endpoint.admin().secret() + "\n", file, "--environment", "env-login");

        assertThat(login.exitCode()).as(login.err()).isZero();
        assertThat(login.out()).as("no prompt when the secret comes from stdin").isEqualTo("Logged in to "
                + endpoint.url() + " with API key \"" + endpoint.admin().key() + "\". Credentials saved to " + file
                + ".\n");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent())))
                .isEqualTo("rwx------");

        CliRun kafka = CliRun.run(new KafkaCommand(), null, "register", "k-login", "--name", "k", "--cloud", "aws",
                "--region", "us-west-2", "--usm-config", file.toString());
        CliRun list = CliRun.run(new ConnectCommand(), null, "list", "--usm-config", file.toString(), "-o", "json");

        assertThat(kafka.exitCode()).as(kafka.err()).isZero();
        assertThat(kafka.out()).contains("env-login");
        assertThat(list.exitCode()).as(list.err()).isZero();
        assertThat(list.out()).isEqualTo("[]\n");
    }

    @Test
    void namedContextsAreSavedListedChosenAndPickedPerCommand() throws Exception {
        TestUsmEndpoint endpoint = usm.endpoint();
        Path file = usm.dir().resolve("contexts/config.properties");
        assertThat(login(endpoint.admin().secret() + "\n", file, "--environment", "env-ctx-default").exitCode())
                .isZero();
        CliRun prod = login(endpoint.admin().secret() + "\n", file, "--environment", "env-ctx-prod", "--context",
                "prod");
        assertThat(prod.out()).endsWith(" as context \"prod\".\n");

        CliRun listed = CliRun.run(new ContextCommand(), null, "list", "--usm-config", file.toString());
        CliRun inProd = CliRun.run(new KafkaCommand(), null, "register", "k-ctx", "--name", "k", "--cloud", "aws",
                "--region", "us-east-1", "--usm-config", file.toString(), "-o", "json");
        CliRun inDefault = CliRun.run(new KafkaCommand(), null, "register", "k-ctx", "--name", "k", "--cloud", "aws",
                "--region", "us-east-1", "--usm-config", file.toString(), "--context", "default", "-o", "json");
        CliRun used = CliRun.run(new ContextCommand(), null, "use", "default", "--usm-config", file.toString());
        CliRun afterUse = CliRun.run(new ContextCommand(), null, "list", "--usm-config", file.toString(), "-o",
                "yaml");
        CliRun unknown = CliRun.run(new KafkaCommand(), null, "list", "--usm-config", file.toString(), "--context",
                "nope");

        Golden.assertMatches("context-list.txt", PrintedTable.parse(listed.out())
                .mapColumn("Platform", url -> url.equals(endpoint.url()) ? "https://localhost:PORT" : url)
                .mapColumn("Credential", key -> key.equals(endpoint.admin().key()) ? "KEY" : key).render());
        assertThat(inProd.out()).as("the current context: prod").contains("\"environment\": \"env-ctx-prod\"");
        assertThat(inDefault.out()).as("--context default").contains("\"environment\": \"env-ctx-default\"");
        assertThat(used.out()).isEqualTo("Using context \"default\".\n");
        assertThat(afterUse.out()).contains("- is_current: true\n  name: default\n")
                .contains("- is_current: false\n  name: prod\n");
        assertThat(unknown.exitCode()).isEqualTo(1);
        assertThat(unknown.err()).startsWith("Error: context \"nope\" does not exist\n\nSuggestions:\n");
        assertThat(Files.readString(file)).as("default is current: no current.context")
                .contains("context.prod.api.key=").doesNotContain("current.context");
        assertThat(listed.out() + afterUse.out()).doesNotContain(endpoint.admin().secret());
    }

    @Test
    void aWrongSecretIsRejectedAndNothingIsWritten() {
        Path file = usm.dir().resolve("wrong/config.properties");

        CliRun login = login("not-the-secret\n", file);

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

    @Test
    void withoutAnyEndpointTheErrorNamesEveryWayIncludingUsmConfig() {
        CliRun run = CliRun.run(new ConnectCommand(), null, "list", "--environment", "env-x", "--usm-config",
                usm.dir().resolve("none.properties").toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).isEqualTo("Error: no endpoint URL: pass --url, set USM_ENDPOINT_URL, run usm login, or "
                + "set USM_CONFIG=<file> to a login file\n");
    }

    @Test
    void theQuickstartsLoginFileIsWhereTheQuickstartWritesIt() {
        assertThat(CliConfigFile.QUICKSTART_LOGIN).isEqualTo(
                io.connectusm.cli.quickstart.QuickstartFiles.defaultLogin());
    }
}
