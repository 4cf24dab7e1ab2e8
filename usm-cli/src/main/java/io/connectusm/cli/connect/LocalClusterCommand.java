package io.connectusm.cli.connect;

import picocli.CommandLine.Command;

/** {@code usm connect-cluster cluster}: the local Connect clusters an agent has seen (as {@code confluent connect cluster}). */
@Command(name = "cluster",
        description = "Local Connect clusters seen by the USM agent.", subcommands = LocalClusterListCommand.class)
final class LocalClusterCommand {
}
