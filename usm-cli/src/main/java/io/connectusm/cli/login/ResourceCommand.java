package io.connectusm.cli.login;

import java.util.Objects;
import java.util.concurrent.Callable;

import io.connectusm.cli.output.CommandRunner;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * What the register, list, describe and deregister commands of every {@link UsmResource} share: the connection
 * to the endpoint, the resource kind, and {@link CommandRunner}'s error handling around the verb's flow. Only
 * the verb classes of this package extend it ({@link ResourceRegisterCommand}, {@link ResourceListCommand},
 * {@link ResourceDescribeCommand}, {@link ResourceDeregisterCommand}); a kind's commands extend those. One
 * instance per command run.
 */
public abstract class ResourceCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ConnectionOptions connection;

    final UsmResource resource;

    ResourceCommand(UsmResource resource) {
        this.resource = Objects.requireNonNull(resource, "resource");
    }

    @Override
    public final Integer call() throws Exception {
        return CommandRunner.run(spec, this::run);
    }

    /** The verb's flow; returns the text to print. */
    abstract String run();
}
