package io.connectusm.cli.registration;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;

import io.connectusm.cli.login.ConnectionOptions;
import io.connectusm.cli.output.CommandRunner;
import io.connectusm.cli.output.UsmCliException;
import io.connectusm.cli.output.Wording;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * What the register, list, describe and deregister commands of every {@link UsmResource} share: the connection to
 * the endpoint, the resource kind, Confluent's not-found error, and {@link CommandRunner}'s error handling around the
 * verb's flow. Only the verb classes of this package extend it; a kind's commands extend those. One instance per
 * command run.
 *
 * @param <T> the client's record of the kind
 */
public abstract class ResourceCommand<T> implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ConnectionOptions connection;

    final UsmResource<T> resource;

    ResourceCommand(UsmResource<T> resource) {
        this.resource = Objects.requireNonNull(resource, "resource");
    }

    @Override
    public final Integer call() throws Exception {
        return CommandRunner.run(spec, this::run);
    }

    /** The verb's flow; returns the text to print. */
    abstract String run();

    /**
     * Confluent's {@code ResourcesNotFoundError}: {@code USM Connect cluster "x" not found} (plural for several), and
     * the suggestion to list them with the kind's own list command.
     */
    final UsmCliException notFound(List<String> ids) {
        String kind = ids.size() == 1 ? resource.kind() : Wording.plural(resource.kind());
        return new UsmCliException(kind + " " + Wording.quotedList(ids) + " not found",
                "List available " + Wording.plural(resource.kind()) + " with `" + parentCommand() + " list`.");
    }

    /** This kind's command as typed from the root, e.g. {@code usm connect-cluster} (primary names, as Confluent). */
    final String parentCommand() {
        String qualified = spec.parent() == null ? spec.name() : spec.parent().qualifiedName();
        return qualified.startsWith("usm") ? qualified : "usm " + qualified;
    }
}
