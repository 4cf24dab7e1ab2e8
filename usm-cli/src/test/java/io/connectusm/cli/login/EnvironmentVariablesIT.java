package io.connectusm.cli.login;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.connectusm.cli.output.Golden;

/**
 * The CLI's environment variables ({@code USM_ENDPOINT_URL}, {@code USM_API_KEY}, {@code USM_API_SECRET},
 * {@code USM_CA_CERT}, {@code USM_ENVIRONMENT}) as a user sets them: the real {@code usm.jar} in a child process
 * against a real endpoint over HTTPS in this JVM, with no flag and no login file. No run may print the secret.
 */
class EnvironmentVariablesIT {

    static final String KAFKA = "4k0R9d1GTS5tI9f4Y2xZ0Q";
    static final String ENVIRONMENT = "env-fromvar123";
    static final Pattern USMCC = Pattern.compile("usmcc-[a-z0-9]{12}");

    @TempDir
    Path dir;
    TestUsmEndpoint endpoint;
    Map<String, String> variables;

    @BeforeEach
    void start() throws Exception {
        endpoint = TestUsmEndpoint.start(dir);
        variables = new HashMap<>(Map.of(
                "USM_ENDPOINT_URL", endpoint.url(),
                "USM_API_KEY", endpoint.admin().key(),
                "USM_API_SECRET", endpoint.admin().secret(),
                "USM_CA_CERT", endpoint.caPem().toString(),
                "USM_ENVIRONMENT", ENVIRONMENT,
                "USM_CONFIG", dir.resolve("no-login.properties").toString()));
    }

    @AfterEach
    void stop() {
        endpoint.close();
    }

    private UsmProcess.Result usm(Map<String, String> env, String... args) throws Exception {
        UsmProcess.Result result = UsmProcess.run(dir, env, args);
        assertThat(result.all()).as("what usm " + String.join(" ", args) + " printed")
                .doesNotContain(endpoint.admin().secret());
        return result;
    }

    private UsmProcess.Result usm(String... args) throws Exception {
        return usm(variables, args);
    }

    @Test
    void registerListDescribeDeregisterTakeEverythingFromTheEnvironment() throws Exception {
        UsmProcess.Result kafka = usm("kafka", "register", "--confluent-platform-kafka-cluster", KAFKA, "--cloud", "aws",
                "--region", "us-east-1");
        assertThat(kafka.exitCode()).as(kafka.err()).isZero();

        UsmProcess.Result registered = usm("connect", "register", "connect-group-xyz123",
                "--confluent-platform-kafka-cluster", KAFKA, "--cloud", "aws", "--region", "us-east-1");
        assertThat(registered.exitCode()).as(registered.err()).isZero();
        assertThat(registered.err()).isEmpty();
        Golden.assertMatches("env-vars-connect-register.txt", registered.out());
        Matcher id = USMCC.matcher(registered.out());
        assertThat(id.find()).isTrue();
        String usmcc = id.group();

        UsmProcess.Result listed = usm("connect", "list");
        assertThat(listed.exitCode()).as(listed.err()).isZero();
        assertThat(listed.out().lines().filter(line -> line.contains(usmcc)).findFirst()).hasValueSatisfying(row ->
                assertThat(row).contains("connect-group-xyz123").contains(KAFKA).contains(ENVIRONMENT));

        UsmProcess.Result described = usm("connect", "describe", usmcc, "-o", "json");
        assertThat(described.exitCode()).as(described.err()).isZero();
        JsonNode json = new ObjectMapper().readTree(described.out());
        assertThat(json.get("id").asText()).isEqualTo(usmcc);
        assertThat(json.get("environment").asText()).isEqualTo(ENVIRONMENT);

        UsmProcess.Result deregistered = usm("connect", "deregister", usmcc, "--force");
        assertThat(deregistered.exitCode()).as(deregistered.err()).isZero();
        assertThat(deregistered.out()).isEqualTo("Deregistered USM Connect cluster \"" + usmcc + "\".\n");

        UsmProcess.Result gone = usm("connect", "describe", usmcc);
        assertThat(gone.exitCode()).isEqualTo(1);
        assertThat(gone.out()).isEmpty();
        assertThat(gone.err()).isEqualTo("Error: USM Connect cluster \"" + usmcc + "\" not found\n\nSuggestions:\n"
                + "    List available USM Connect clusters with `usm connect-cluster list`.\n");
    }

    @Test
    void theFourVsTraceEveryRequestWithItsStatusAndNeverTheSecret() throws Exception {
        UsmProcess.Result quiet = usm("kafka-cluster", "list");
        UsmProcess.Result traced = usm("-vvvv", "kafka-cluster", "list");
        UsmProcess.Result unsafe = usm("kafka-cluster", "list", "--unsafe-trace");

        assertThat(quiet.err()).isEmpty();
        assertThat(traced.exitCode()).as(traced.err()).isZero();
        assertThat(traced.out()).isEqualTo(quiet.out());
        assertThat(traced.err()).containsPattern("GET " + Pattern.quote(endpoint.url())
                + "/usm/v1/kafka-clusters\\?environment=env-fromvar123&page_size=100 -> 200 \\(\\d+ ms\\)");
        assertThat(unsafe.err()).contains("/usm/v1/kafka-clusters?environment=env-fromvar123&page_size=100 -> 200");
        assertThat(traced.err() + unsafe.err()).doesNotContain("Authorization").doesNotContain("Basic ");
    }

    @Test
    void anUnknownOutputFormatIsAUsageError() throws Exception {
        UsmProcess.Result run = usm("connect", "list", "-o", "xml");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).startsWith("Error: Invalid value for option '--output': \"xml\" is not an output "
                + "format: use \"human\", \"json\", or \"yaml\"").doesNotContain("java.lang");
    }

    @Test
    void withoutAnEndpointTheErrorPointsAtTheQuickstartsLoginFileWhenThereIsOne() throws Exception {
        Path here = Files.createDirectories(dir.resolve("project"));
        Map<String, String> none = Map.of("USM_CONFIG", dir.resolve("no-login.properties").toString());

        UsmProcess.Result before = UsmProcess.runIn(here, dir, none, "connect-cluster", "list", "--environment", "e");
        Path login = Files.createDirectories(here.resolve(".usm-quickstart")).resolve("usm-cli.properties");
        Files.writeString(login, "url=https://localhost:8443\n");
        UsmProcess.Result after = UsmProcess.runIn(here, dir, none, "connect-cluster", "list", "--environment", "e");

        assertThat(before.exitCode()).isEqualTo(1);
        assertThat(before.err()).isEqualTo("Error: no endpoint URL: pass --url, set USM_ENDPOINT_URL, run usm login, "
                + "or set USM_CONFIG=<file> to a login file\n");
        assertThat(after.err()).isEqualTo(before.err() + "\nSuggestions:\n    The quickstart's login file is "
                + login.toRealPath() + ": run with USM_CONFIG=" + login.toRealPath() + ".\n");
    }

    @Test
    void aWrongSecretAMissingCaOrAMissingEnvironmentIsAClearError() throws Exception {
        Map<String, String> wrongSecret = new HashMap<>(variables);
        wrongSecret.put("USM_API_SECRET", "wrong-" + endpoint.admin().secret());
        Map<String, String> noCa = new HashMap<>(variables);
        noCa.remove("USM_CA_CERT");
        Map<String, String> noEnvironment = new HashMap<>(variables);
        noEnvironment.remove("USM_ENVIRONMENT");

        UsmProcess.Result unauthorized = usm(wrongSecret, "connect", "list");
        UsmProcess.Result untrusted = usm(noCa, "connect", "list");
        UsmProcess.Result unscoped = usm(noEnvironment, "connect", "list");

        assertThat(unauthorized.exitCode()).isEqualTo(1);
        assertThat(unauthorized.err()).isEqualTo("Error: authentication failed: check the API key and secret\n");
        assertThat(unauthorized.all()).doesNotContain("wrong-");
        assertThat(untrusted.exitCode()).isEqualTo(1);
        assertThat(untrusted.err()).startsWith("Error: TLS connection to " + endpoint.url() + " failed")
                .endsWith("trust the endpoint's CA with --ca-cert or USM_CA_CERT\n");
        assertThat(unscoped.exitCode()).isEqualTo(1);
        assertThat(unscoped.err()).isEqualTo("Error: no environment: pass --environment, set USM_ENVIRONMENT or run "
                + "usm login --environment\n");
    }

    @Test
    void apiKeysOfARunningEndpointAreManagedThroughItsApi() throws Exception {
        // This JVM's endpoint holds the database file, so the child process cannot open it and must use the API.
        String data = dir.resolve("data").toString();

        UsmProcess.Result created = usm("endpoint", "api-key", "create", "--role", "agent", "--description", "from-env",
                "--data-dir", data, "-o", "json");
        assertThat(created.exitCode()).as(created.err()).isZero();
        JsonNode key = new ObjectMapper().readTree(created.out());
        String newKey = key.get("api_key").asText();
        String newSecret = key.get("api_secret").asText();
        assertThat(key.get("role").asText()).isEqualTo("agent");

        Map<String, String> asNewKey = new HashMap<>(variables);
        asNewKey.put("USM_API_KEY", newKey);
        asNewKey.put("USM_API_SECRET", newSecret);
        assertThat(usm(asNewKey, "kafka", "list").exitCode()).as("the new key works at once").isZero();

        UsmProcess.Result listed = usm("endpoint", "api-key", "list", "--data-dir", data);
        assertThat(listed.exitCode()).as(listed.err()).isZero();
        assertThat(listed.out()).contains(newKey).contains("from-env").contains(endpoint.admin().key())
                .doesNotContain(newSecret);

        UsmProcess.Result deleted = usm("endpoint", "api-key", "delete", newKey);
        assertThat(deleted.exitCode()).as(deleted.err()).isZero();
        assertThat(deleted.out()).isEqualTo("Deleted API key \"" + newKey + "\".\n");
        assertThat(usm(asNewKey, "kafka", "list").err())
                .isEqualTo("Error: authentication failed: check the API key and secret\n");
    }

    @Test
    void whenNeitherTheDatabaseNorTheApiCanBeUsedTheErrorSaysWhatToDo() throws Exception {
        Map<String, String> none = Map.of("USM_CONFIG", dir.resolve("no-login.properties").toString());
        String data = dir.resolve("data").toString();

        UsmProcess.Result locked = usm(none, "endpoint", "api-key", "list", "--data-dir", data);
        UsmProcess.Result nowhere = usm(none, "endpoint", "api-key", "list");

        assertThat(locked.exitCode()).isEqualTo(1);
        assertThat(locked.err()).isEqualTo("Error: the endpoint database under " + data + " is in use by a running "
                + "endpoint, which locks it: manage keys through the endpoint instead (pass --url, --api-key and "
                + "--api-secret of an admin key (or set USM_ENDPOINT_URL, USM_API_KEY and USM_API_SECRET, or run usm "
                + "login)), or stop the endpoint and retry\n");
        assertThat(nowhere.exitCode()).isEqualTo(1);
        assertThat(nowhere.err()).isEqualTo("Error: no endpoint to manage API keys with: while the endpoint runs, "
                + "pass --url, --api-key and --api-secret of an admin key (or set USM_ENDPOINT_URL, USM_API_KEY and "
                + "USM_API_SECRET, or run usm login); to bootstrap the first admin key while it is stopped, pass "
                + "--config FILE or --data-dir DIR\n");
    }
}
