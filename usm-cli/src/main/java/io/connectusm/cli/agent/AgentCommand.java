package io.connectusm.cli.agent;

import picocli.CommandLine.Command;

/** {@code usm agent}: run the usm-agent sidecar. */
@Command(name = "agent",
        description = "Run the usm-agent sidecar that takes events from Connect workers over mTLS.",
        subcommands = {AgentStartCommand.class})
public final class AgentCommand {
}
