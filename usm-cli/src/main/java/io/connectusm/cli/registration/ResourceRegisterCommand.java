package io.connectusm.cli.registration;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.connectusm.api.UsmApiClient;
import io.connectusm.api.UsmApiException;
import io.connectusm.cli.output.OutputOption;
import io.connectusm.cli.output.ResultPrinter;
import io.connectusm.cli.output.UsmCliException;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code usm <kind> register …} (alias {@code create}) for any {@link UsmResource}: registers in the given or the
 * login's environment (else the endpoint's default) and prints the result as describe does. Registering what is
 * registered already names the existing registration's ID. A subclass per kind is the picocli command: it carries
 * the {@code @Command}, its own options, the call ({@link #register}) and how to find an existing registration
 * ({@link #existing}). One instance per command run.
 *
 * @param <T> the client's record of the kind
 */
public abstract class ResourceRegisterCommand<T> extends ResourceCommand<T> {

    private static final Pattern ENVIRONMENT_IN_MESSAGE = Pattern.compile("environment \"([^\"]+)\"");

    @Mixin
    OutputOption output;

    @Option(names = "--environment", defaultValue = "${env:USM_ENVIRONMENT}", paramLabel = "ENV",
            description = "Environment ID, e.g. env-abc123 (env USM_ENVIRONMENT; default: the login's, else the "
                    + "endpoint's).")
    String environment;

    protected ResourceRegisterCommand(UsmResource<T> resource) {
        super(resource);
    }

    /** Checks the subclass's arguments (usage errors) before anything is sent. */
    protected void validate() {
    }

    /** Registers; {@code environment} may be {@code null} (the endpoint's default). */
    protected abstract T register(UsmApiClient client, String environment);

    /** The registration of the same local cluster in {@code environment}, if there is one. */
    protected abstract Optional<String> existing(UsmApiClient client, String environment);

    @Override
    final String run() {
        validate();
        String env = connection.environmentOrNull(environment);
        UsmApiClient client = connection.client();
        try {
            return ResultPrinter.describe(output.format(), resource.fields().apply(register(client, env)));
        } catch (UsmApiException e) {
            if (!e.isConflict()) {
                throw e;
            }
            // The endpoint says which environment (its default when none was given); name what is there.
            Matcher m = ENVIRONMENT_IN_MESSAGE.matcher(e.getMessage());
            String in = env != null ? env : m.find() ? m.group(1) : null;
            Optional<String> id = in == null ? Optional.empty() : existing(client, in);
            if (id.isEmpty()) {
                throw e;
            }
            throw new UsmCliException(e.getMessage() + " as \"" + id.get() + "\"", "Describe it with `"
                    + parentCommand() + " describe " + id.get() + "`, or deregister it first with `" + parentCommand()
                    + " deregister " + id.get() + "`.");
        }
    }
}
