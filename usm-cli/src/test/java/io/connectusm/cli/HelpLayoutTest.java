package io.connectusm.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import picocli.CommandLine;

/** Every command's {@code --help} reads well in an 80-column terminal: no long line, no example broken mid-line. */
class HelpLayoutTest {

    private static void collect(CommandLine cli, List<CommandLine> all) {
        all.add(cli);
        cli.getSubcommands().values().stream().distinct().forEach(sub -> collect(sub, all));
    }

    @Test
    void everyHelpFitsIn80ColumnsAndKeepsItsExamplesWhole() {
        List<CommandLine> commands = new ArrayList<>();
        collect(UsmCommandLine.create(Map.of()), commands);
        assertThat(commands).hasSizeGreaterThan(30);

        for (CommandLine command : commands) {
            StringWriter help = new StringWriter();
            command.usage(new PrintWriter(help, true));
            String name = command.getCommandSpec().qualifiedName();
            boolean inExamples = false;
            for (String line : help.toString().lines().toList()) {
                assertThat(line.length()).as(name + ": " + line).isLessThanOrEqualTo(80);
                if (line.startsWith("Example")) {
                    inExamples = true;
                } else if (inExamples) {
                    assertThat(line.isEmpty() || line.startsWith("  ")).as(name + " example line: " + line).isTrue();
                }
            }
        }
    }
}
