package io.connectusm.cli.login;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.connectusm.cli.output.OutputOption;
import io.connectusm.cli.output.ResultPrinter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code usm <kind> register …} for any {@link UsmResource}: posts the subclass's request body, in the given or
 * the login's environment (else the endpoint's default), and prints the created resource as describe does. A
 * subclass per kind is the picocli command: it carries the {@code @Command}, its own options and
 * {@link #body()}. One instance per command run.
 */
public abstract class ResourceRegisterCommand extends ResourceCommand {

    @Mixin
    OutputOption output;

    @Option(names = "--environment", defaultValue = "${env:USM_ENVIRONMENT}", paramLabel = "ENV",
            description = "Environment, e.g. env-abc123 (env USM_ENVIRONMENT; default: the login's, else the endpoint's).")
    String environment;

    protected ResourceRegisterCommand(UsmResource resource) {
        super(resource);
    }

    /** The request body from the subclass's options, without the environment; {@link #newBody()} starts one. */
    protected abstract ObjectNode body();

    protected static ObjectNode newBody() {
        return JsonNodeFactory.instance.objectNode();
    }

    /** Puts {@code value} unless it is null or blank, so the endpoint applies its default. */
    protected static void putIfSet(ObjectNode body, String key, String value) {
        if (value != null && !value.isBlank()) {
            body.put(key, value);
        }
    }

    @Override
    final String run() {
        ObjectNode body = body();
        String env = connection.environmentOrNull(environment);
        if (env != null) {
            body.putObject("environment").put("id", env);
        }
        return ResultPrinter.describe(output.format(),
                resource.fields(connection.client().post(resource.collectionPath(), body)));
    }
}
