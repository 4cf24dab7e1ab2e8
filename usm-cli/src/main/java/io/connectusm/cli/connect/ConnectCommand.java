package io.connectusm.cli.connect;

import picocli.CommandLine.Command;

/** {@code usm connect}: USM registrations of Confluent Platform Connect clusters. */
@Command(name = "connect", aliases = "connect-cluster",
        description = "Register, list, describe and deregister Connect clusters with USM.",
        subcommands = {ConnectRegisterCommand.class, ConnectListCommand.class, ConnectDescribeCommand.class,
                ConnectDeregisterCommand.class, LocalClusterCommand.class})
public final class ConnectCommand {
}
