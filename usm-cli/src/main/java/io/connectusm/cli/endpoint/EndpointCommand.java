package io.connectusm.cli.endpoint;

import picocli.CommandLine.Command;

/** {@code usm endpoint}: run the reference USM-style endpoint, manage its API keys, move its database. */
@Command(name = "endpoint",
        description = "Run the USM-style endpoint, manage its API keys, move its database, try its webhooks.",
        subcommands = {EndpointStartCommand.class, ApiKeyCommand.class, MigrateDbCommand.class, WebhookCommand.class})
public final class EndpointCommand {
}
