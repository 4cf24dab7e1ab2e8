package io.connectusm.cli;

import io.connectusm.cli.agent.AgentCommand;
import io.connectusm.cli.certs.CertsCommand;
import io.connectusm.cli.connect.ConnectCommand;
import io.connectusm.cli.endpoint.EndpointCommand;
import io.connectusm.cli.kafka.KafkaCommand;
import io.connectusm.cli.login.LoginCommand;
import io.connectusm.cli.quickstart.QuickstartCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * The root of the {@code usm} command line. It only lists the verbs; each verb lives in its own package
 * ({@code io.connectusm.cli.<verb>}) and knows nothing of the others.
 *
 * <p>Adding a verb ({@code agent}, {@code endpoint}, {@code kafka}, {@code connect}, {@code login},
 * {@code quickstart}) is one class in its own package plus one entry in {@code subcommands} below; errors, exit codes,
 * {@code --help}, {@code --version} and {@code --verbose} then work for it as they do for {@code certs}.
 *
 * <p>Picocli creates one instance per parse; not thread-safe, and nothing to close.
 */
@Command(name = "usm",
        aliases = "unified-stream-manager",
        mixinStandardHelpOptions = true,
        scope = ScopeType.INHERIT,
        versionProvider = VersionProvider.class,
        synopsisSubcommandLabel = "COMMAND",
        description = {
            "Ship Kafka Connect connector metadata to a USM-style endpoint, and manage what it needs.",
            ""
        },
        commandListHeading = "%nCommands:%n",
        footerHeading = "%n",
        footer = {
            "Run 'usm COMMAND --help' for the options of a command, for example 'usm certs issue --help'.",
            "Exit codes: 0 success, 1 error, 2 wrong usage. Set USM_DEBUG=1 (or pass --verbose) for stack traces."
        },
        subcommands = {
            // One line per verb, each in its own package.
            CertsCommand.class,
            AgentCommand.class,
            EndpointCommand.class,
            KafkaCommand.class,
            ConnectCommand.class,
            LoginCommand.class,
            QuickstartCommand.class,
            HelpCommand.class
        })
public final class UsmCommand {

    // Read by ErrorHandler from the parse result; INHERIT makes it valid after any subcommand too.
    @Option(names = "--verbose", scope = ScopeType.INHERIT,
            description = "Print the stack trace of an error (same as USM_DEBUG=1).")
    boolean verbose;
}
