package io.connectusm.cli;

import io.connectusm.cli.agent.AgentCommand;
import io.connectusm.cli.certs.CertsCommand;
import io.connectusm.cli.connect.ConnectCommand;
import io.connectusm.cli.context.ContextCommand;
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
 * <p>Adding a verb is one class in its own package plus one entry in {@code subcommands} below; errors, exit codes,
 * {@code --help}, {@code --version} and the global {@code -v}/{@code --unsafe-trace} then work for it as they do for
 * {@code certs}.
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
            "Run 'usm COMMAND --help' for a command's options, e.g. 'usm certs issue --help'.",
            "Exit codes: 0 success, 1 error, 2 wrong usage. -v or USM_DEBUG=1: stack traces."
        },
        subcommands = {
            // One line per verb, each in its own package.
            CertsCommand.class,
            AgentCommand.class,
            EndpointCommand.class,
            KafkaCommand.class,
            ConnectCommand.class,
            LoginCommand.class,
            ContextCommand.class,
            QuickstartCommand.class,
            HelpCommand.class
        })
public final class UsmCommand {

    // Read from the arguments by Verbosity (so also for parse errors); declared here for --help and validation.
    @Option(names = {"-v", "--verbose"}, scope = ScopeType.INHERIT,
            description = "Increase verbosity (-v for warn, -vv for info, -vvv for debug, -vvvv for trace); any "
                    + "-v prints the stack trace of an error (same as USM_DEBUG=1).")
    boolean[] verbosity;

    @Option(names = "--unsafe-trace", scope = ScopeType.INHERIT,
            description = "Equivalent to -vvvv: also log each HTTP request with its status (never a header or a "
                    + "body, so no secret).")
    boolean unsafeTrace;
}
