package io.connectusm.cli.login;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;

import io.connectusm.api.TlsTrust;
import io.connectusm.api.UsmApiClient;
import io.connectusm.api.UsmPaths;
import io.connectusm.cli.output.CommandRunner;
import io.connectusm.cli.output.Terminal;
import io.connectusm.cli.output.UsmCliException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code usm login}: stores the endpoint URL, API key, secret, CA and default environment as a context of the login
 * file (mode 0600), after checking them against the endpoint. The secret is read from a no-echo prompt at a
 * console, or from one line of stdin without a prompt, never from a flag. One instance per run.
 */
@Command(name = "login",
        description = "Store the endpoint URL and API credentials (file mode 0600) as a context; the secret is read "
                + "from a prompt, or from stdin when there is no terminal.")
public final class LoginCommand implements Callable<Integer> {

    private static final Pattern CONTEXT_NAME = Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9_.-]{0,63}");

    @Spec
    CommandSpec spec;

    @Option(names = "--url", required = true, defaultValue = "${env:USM_ENDPOINT_URL}", paramLabel = "URL",
            description = "Endpoint base URL (env USM_ENDPOINT_URL).")
    String url;

    @Option(names = "--api-key", required = true, defaultValue = "${env:USM_API_KEY}", paramLabel = "KEY",
            description = "API key (env USM_API_KEY).")
    String apiKey;

    @Option(names = "--ca-cert", defaultValue = "${env:USM_CA_CERT}", paramLabel = "FILE",
            description = "PEM file of the CA that signed the endpoint's certificate.")
    Path caCert;

    @Option(names = "--environment", defaultValue = "${env:USM_ENVIRONMENT}", paramLabel = "ENV",
            description = "Default environment for later commands, e.g. env-abc123.")
    String environment;

    @Option(names = "--context", paramLabel = "NAME",
            description = "Save as this named context and make it the current one (default: the context "
                    + "\"default\").")
    String context;

    @Option(names = "--usm-config", defaultValue = "${env:USM_CONFIG:-${sys:user.home}/.usm/config.properties}",
            paramLabel = "FILE", description = "Where to write (default: ${DEFAULT-VALUE}).")
    Path configFile;

    Terminal terminal = Terminal.system();

    @Override
    public Integer call() throws Exception {
        return CommandRunner.run(spec, () -> {
            String name = context == null ? CliConfigFile.DEFAULT_CONTEXT : context;
            if (!CONTEXT_NAME.matcher(name).matches()) {
                throw UsmCliException.usage("--context " + name + ": a context name is 1 to 64 letters, digits or "
                        + "._-");
            }
            char[] secret = terminal.secret("API secret: ");
            if (secret.length == 0) {
                throw new UsmCliException("no API secret given");
            }
            String secretString = new String(secret).trim();
            Arrays.fill(secret, '\0');
            UsmApiClient client;
            try {
                client = UsmApiClient.builder(url).basicAuth(apiKey, secretString)
                        .trust(caCert == null ? TlsTrust.systemDefault() : TlsTrust.pemFile(caCert)).build();
            } catch (IllegalArgumentException e) {
                throw new UsmCliException(e.getMessage());
            }
            // A cheap authenticated call: wrong URL, CA or credentials fail here, not on first use.
            client.get(UsmPaths.KAFKA_CLUSTERS + "?environment=" + UsmPaths.queryValue(
                    environment == null ? "env-login-check" : environment) + "&page_size=1");
            try {
                CliConfigFile.load(configFile).with(name, new CliLogin(client.baseUrl(), apiKey, secretString,
                        caCert == null ? null : caCert.toAbsolutePath().toString(), environment)).write(configFile);
            } catch (IOException e) {
                throw new UsmCliException("cannot write " + configFile + ": " + e.getMessage());
            }
            return "Logged in to " + client.baseUrl() + " with API key \"" + apiKey + "\". Credentials saved to "
                    + configFile + (context == null ? "" : " as context \"" + name + "\"") + ".\n";
        });
    }
}
