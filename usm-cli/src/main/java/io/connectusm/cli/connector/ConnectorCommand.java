package io.connectusm.cli.connector;

import picocli.CommandLine.Command;

/** {@code usm connect-cluster connector}: the connectors of a registered Connect cluster, at the endpoint. */
@Command(name = "connector",
        description = "List, describe and trace the history of the connectors the endpoint stores for a Connect "
                + "cluster, and purge that history.",
        subcommands = {ConnectorListCommand.class, ConnectorDescribeCommand.class, ConnectorHistoryCommand.class,
            ConnectorPurgeCommand.class})
public final class ConnectorCommand {
}
