package io.connectusm.cli.endpoint;

import picocli.CommandLine.Command;

/** {@code usm endpoint}: run the reference USM-style endpoint and manage its API keys. */
@Command(name = "endpoint",
        description = "Run the USM-style endpoint and manage its API keys.",
        subcommands = {EndpointStartCommand.class, ApiKeyCommand.class})
public final class EndpointCommand {
}
