package io.connectusm.cli.connect;

import io.connectusm.cli.connector.ConnectorCommand;
import picocli.CommandLine.Command;

/**
 * {@code usm connect-cluster} (alias {@code connect}): USM registrations of Confluent Platform Connect clusters,
 * the connectors the endpoint stores for them ({@code connector}), and the local Connect clusters an agent has
 * seen ({@code cluster}).
 */
@Command(name = "connect-cluster", aliases = "connect",
        description = "Manage USM Connect clusters: register, list, describe and deregister Confluent Platform Connect "
                + "clusters; read their connectors at the endpoint.",
        subcommands = {ConnectRegisterCommand.class, ConnectListCommand.class, ConnectDescribeCommand.class,
                ConnectDeregisterCommand.class, ConnectorCommand.class, LocalClusterCommand.class})
public final class ConnectCommand {
}
