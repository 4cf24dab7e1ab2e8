package io.connectusm.cli.login;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.connectusm.api.TlsTrust;
import io.connectusm.api.UsmApiClient;
import io.connectusm.cli.output.UsmCliException;
import picocli.CommandLine.Option;

/**
 * Where the endpoint is and how to authenticate, for every command that calls it. Each value comes from its
 * flag, else its environment variable ({@code USM_ENDPOINT_URL}, {@code USM_API_KEY}, {@code USM_API_SECRET},
 * {@code USM_CA_CERT}), else the context of the login file that {@code --context} (or {@code USM_CONTEXT}, else the
 * file's current context) names. Prefer the file or the variable for the secret: a flag ends up in shell history.
 * A picocli mixin; one instance per command run.
 */
public final class ConnectionOptions {


    @Option(names = "--url", defaultValue = "${env:USM_ENDPOINT_URL}", paramLabel = "URL",
            description = "Endpoint base URL, e.g. https://usm.example.com:8443 (env USM_ENDPOINT_URL).")
    String url;

    @Option(names = "--api-key", defaultValue = "${env:USM_API_KEY}", paramLabel = "KEY",
            description = "API key (env USM_API_KEY).")
    String apiKey;

    @Option(names = "--api-secret", defaultValue = "${env:USM_API_SECRET}", paramLabel = "SECRET",
            description = "API secret (env USM_API_SECRET; better: usm login, so it stays out of shell history).")
    String apiSecret;

    @Option(names = "--ca-cert", defaultValue = "${env:USM_CA_CERT}", paramLabel = "FILE",
            description = "PEM file of the CA that signed the endpoint's certificate (env USM_CA_CERT).")
    Path caCert;

    @Option(names = "--context", defaultValue = "${env:USM_CONTEXT}", paramLabel = "NAME",
            description = "CLI context name: a credential set of the login file (env USM_CONTEXT; default: its "
                    + "current context).")
    String context;

    @Option(names = "--usm-config", defaultValue = "${env:USM_CONFIG:-${sys:user.home}/.usm/config.properties}",
            paramLabel = "FILE", description = "The file usm login writes (env USM_CONFIG; default: ${DEFAULT-VALUE}).")
    Path configFile;

    /** Whether an endpoint URL, API key and secret are all known (from flags, variables or the login file). */
    public boolean configured() {
        Optional<CliLogin> file = loginQuietly();
        return pick(url, file.map(CliLogin::url)) != null && pick(apiKey, file.map(CliLogin::apiKey)) != null
                && pick(apiSecret, file.map(CliLogin::apiSecret)) != null;
    }

    /** A client for the resolved endpoint and credentials. */
    public UsmApiClient client() {
        Optional<CliLogin> file = login();
        String resolvedUrl = pick(url, file.map(CliLogin::url));
        String key = pick(apiKey, file.map(CliLogin::apiKey));
        String secret = pick(apiSecret, file.map(CliLogin::apiSecret));
        String ca = caCert != null ? caCert.toString() : file.map(CliLogin::caCert).orElse(null);
        if (resolvedUrl == null) {
            throw new UsmCliException("no endpoint URL: pass --url, set USM_ENDPOINT_URL, run usm login, or set "
                    + "USM_CONFIG=<file> to a login file", quickstartHint());
        }
        if (key == null || secret == null) {
            throw new UsmCliException("no API key and secret: pass --api-key/--api-secret, set USM_API_KEY and "
                    + "USM_API_SECRET, run usm login, or set USM_CONFIG=<file> to a login file", quickstartHint());
        }
        try {
            return UsmApiClient.builder(resolvedUrl).basicAuth(key, secret)
                    .trust(ca == null ? TlsTrust.systemDefault() : TlsTrust.pemFile(Path.of(ca)))
                    .observer((method, uri, status, took) -> HttpTrace.LOG.trace("{} {} -> {} ({} ms)", method, uri,
                            status < 0 ? "no answer" : status, took.toMillis()))
                    .build();
        } catch (IllegalArgumentException e) {
            throw new UsmCliException(e.getMessage());
        }
    }

    /** {@code given} (flag or USM_ENVIRONMENT), else the login's environment; an error when neither. */
    public String environment(String given) {
        String env = environmentOrNull(given);
        if (env == null) {
            throw new UsmCliException("no environment: pass --environment, set USM_ENVIRONMENT or run usm login "
                    + "--environment");
        }
        return env;
    }

    /** Like {@link #environment(String)}, but {@code null} (the endpoint's default) when none is known. */
    public String environmentOrNull(String given) {
        if (given != null && !given.isBlank()) {
            return given;
        }
        return login().map(CliLogin::environment).orElse(null);
    }

    /** The context's credentials; an error when {@code --context} names one the file lacks. */
    private Optional<CliLogin> login() {
        CliConfigFile file = CliConfigFile.load(configFile);
        if (context != null && !context.isBlank() && file.login(context).isEmpty()) {
            throw new UsmCliException("context \"" + context + "\" does not exist",
                    "List the contexts of " + configFile + " with `usm context list`, or create it with "
                            + "`usm login --context " + context + "`.");
        }
        return file.login(context == null || context.isBlank() ? null : context);
    }

    private Optional<CliLogin> loginQuietly() {
        try {
            return login();
        } catch (UsmCliException e) {
            return Optional.empty();
        }
    }

    /** Names the quickstart's login file when there is one here, so its users know what to set. */
    private static String quickstartHint() {
        Path quickstart = CliConfigFile.QUICKSTART_LOGIN.toAbsolutePath();
        return Files.isRegularFile(quickstart) ? "The quickstart's login file is " + quickstart + ": run with "
                + "USM_CONFIG=" + quickstart + "." : null;
    }

    /**
     * Every request with its status at TRACE ({@code -vvvv} or {@code --unsafe-trace}); never a header or a body. A
     * holder, so that logging starts with the first request and not when picocli builds the command tree: the
     * quickstart must configure logging before anything logs.
     */
    private static final class HttpTrace {
        static final Logger LOG = LoggerFactory.getLogger("io.connectusm.cli.http");
    }

    private static String pick(String given, Optional<String> fromFile) {
        return given != null && !given.isBlank() ? given : fromFile.orElse(null);
    }
}
