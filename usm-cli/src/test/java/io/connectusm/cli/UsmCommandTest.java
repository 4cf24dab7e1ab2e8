package io.connectusm.cli;

import static io.connectusm.cli.UsmRun.usm;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class UsmCommandTest {

    @Test
    void helpListsTheCommands() {
        UsmRun run = usm("--help");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(run.out()).startsWith("Usage: usm ").contains("Commands:").containsPattern("\n  certs ")
                .containsPattern("\n  help ");
        assertThat(run.err()).isEmpty();
    }

    @Test
    void certsHelpListsItsSubcommandsWithAnExample() {
        UsmRun run = usm("certs", "--help");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(run.out()).containsPattern("\n  ca ").containsPattern("\n  issue ").containsPattern("\n  inspect ")
                .contains("usm certs issue --ca /etc/usm/ca");
    }

    @Test
    void helpCommandShowsTheHelpOfAnyCommand() {
        UsmRun run = usm("help", "certs");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(run.out()).startsWith("Usage: usm certs ");
    }

    @Test
    void versionComesFromTheBuild() {
        UsmRun run = usm("--version");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(run.out()).containsPattern("^usm \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?\\R");
    }

    @Test
    void unknownCommandIsAUsageErrorWithASuggestion() {
        UsmRun run = usm("cert");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).startsWith("Error: Unmatched argument at index 0: 'cert'").contains("certs")
                .contains("Run 'usm --help' for usage.");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void commandWithoutSubcommandIsAUsageError() {
        UsmRun run = usm("certs");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).startsWith("Error: Missing required subcommand")
                .contains("Run 'usm certs --help' for usage.");
    }
}
