package io.connectusm.cli.connector;

import java.util.concurrent.Callable;

import io.connectusm.api.UsmApiClient;
import io.connectusm.api.UsmApiException;
import io.connectusm.cli.login.ConnectionOptions;
import io.connectusm.cli.output.CommandRunner;
import io.connectusm.cli.output.OutputOption;
import io.connectusm.cli.output.ResourceIds;
import io.connectusm.cli.output.UsmCliException;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * What the connector verbs share: the connection, {@code --connect-cluster usmcc-…} (checked before any request,
 * a usage error when malformed), {@code --environment}, {@code -o}, and Confluent's not-found errors for the
 * Connect cluster and for the connector. One instance per command run.
 */
abstract class ConnectorReadCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ConnectionOptions connection;

    @Mixin
    OutputOption output;

    @Option(names = "--connect-cluster", required = true, paramLabel = "ID",
            description = "The USM Connect cluster (usmcc-…), as 'usm connect-cluster list' shows it.")
    String connectCluster;

    @Option(names = "--environment", defaultValue = "${env:USM_ENVIRONMENT}", paramLabel = "ENV",
            description = "Environment the Connect cluster must be in (optional).")
    String environment;

    @Override
    public final Integer call() throws Exception {
        return CommandRunner.run(spec, () -> {
            ResourceIds.require(connectCluster, ResourceIds.CONNECT_CLUSTER_PREFIX);
            return run(connection.client(), environment == null || environment.isBlank() ? null : environment);
        });
    }

    /** The verb's flow; returns the text to print. */
    abstract String run(UsmApiClient client, String environment);

    /**
     * The not-found error for a 404 of connector {@code name} (or of the cluster itself when {@code name} is
     * {@code null}): which of the two is missing decides the message and the suggestion.
     */
    final UsmCliException notFound(UsmApiClient client, String name, String env, UsmApiException notFound) {
        boolean clusterMissing = name == null;
        if (!clusterMissing) {
            try {
                client.connectCluster(connectCluster, env);
            } catch (UsmApiException e) {
                clusterMissing = e.isNotFound();
            }
        }
        if (clusterMissing) {
            return new UsmCliException("USM Connect cluster \"" + connectCluster + "\" not found",
                    "List available USM Connect clusters with `usm connect-cluster list`.");
        }
        return new UsmCliException("connector \"" + name + "\" not found",
                "List available connectors with `usm connect-cluster connector list --connect-cluster "
                        + connectCluster + "`.");
    }

    /** The first line of a (masked) trace: the exception and its message; the whole trace is in -o json. */
    static String firstLine(String trace) {
        if (trace == null) {
            return "";
        }
        int nl = trace.indexOf('\n');
        return (nl < 0 ? trace : trace.substring(0, nl)).strip();
    }
}
