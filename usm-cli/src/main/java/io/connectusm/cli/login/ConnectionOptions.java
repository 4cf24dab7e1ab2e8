package io.connectusm.cli.login;

import java.nio.file.Path;
import java.util.Optional;

import io.connectusm.cli.output.UsmCliException;
import picocli.CommandLine.Option;

/**
 * Where the endpoint is and how to authenticate, for every command that calls it. Each value comes from its
 * flag, else its environment variable ({@code USM_ENDPOINT_URL}, {@code USM_API_KEY}, {@code USM_API_SECRET},
 * {@code USM_CA_CERT}), else the file {@code usm login} wrote. Prefer the file or the variable for the
 * secret: a flag ends up in shell history. A picocli mixin; one instance per command run.
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

    @Option(names = "--usm-config", defaultValue = "${env:USM_CONFIG:-${sys:user.home}/.usm/config.properties}",
            paramLabel = "FILE", description = "The file usm login writes (env USM_CONFIG; default: ${DEFAULT-VALUE}).")
    Path configFile;

    /** Whether an endpoint URL, API key and secret are all known (from flags, variables or the login file). */
    public boolean configured() {
        Optional<CliConfigFile> file = CliConfigFile.load(configFile);
        return pick(url, file.map(CliConfigFile::url)) != null && pick(apiKey, file.map(CliConfigFile::apiKey)) != null
                && pick(apiSecret, file.map(CliConfigFile::apiSecret)) != null;
    }

    /** A client for the resolved endpoint and credentials. */
    public UsmApiClient client() {
        Optional<CliConfigFile> file = CliConfigFile.load(configFile);
        String resolvedUrl = pick(url, file.map(CliConfigFile::url));
        String key = pick(apiKey, file.map(CliConfigFile::apiKey));
        String secret = pick(apiSecret, file.map(CliConfigFile::apiSecret));
        String ca = caCert != null ? caCert.toString() : file.map(CliConfigFile::caCert).orElse(null);
        if (resolvedUrl == null) {
            throw new UsmCliException("no endpoint URL: pass --url, set USM_ENDPOINT_URL or run usm login");
        }
        if (key == null || secret == null) {
            throw new UsmCliException("no API key and secret: pass --api-key/--api-secret, set USM_API_KEY and "
                    + "USM_API_SECRET, or run usm login");
        }
        return new UsmApiClient(resolvedUrl, key, secret, ca == null ? null : Path.of(ca));
    }

    /** {@code given} (flag or USM_ENVIRONMENT), else the login file's environment; an error when neither. */
    public String environment(String given) {
        if (given != null && !given.isBlank()) {
            return given;
        }
        return CliConfigFile.load(configFile).map(CliConfigFile::environment)
                .orElseThrow(() -> new UsmCliException("no environment: pass --environment, set USM_ENVIRONMENT "
                        + "or run usm login --environment"));
    }

    /** Like {@link #environment(String)}, but {@code null} (the endpoint's default) when none is known. */
    public String environmentOrNull(String given) {
        if (given != null && !given.isBlank()) {
            return given;
        }
        return CliConfigFile.load(configFile).map(CliConfigFile::environment).orElse(null);
    }

    private static String pick(String given, Optional<String> fromFile) {
        return given != null && !given.isBlank() ? given : fromFile.orElse(null);
    }
}
