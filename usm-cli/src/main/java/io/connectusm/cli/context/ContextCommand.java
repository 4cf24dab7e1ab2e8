package io.connectusm.cli.context;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import io.connectusm.cli.login.CliConfigFile;
import io.connectusm.cli.login.CliLogin;
import io.connectusm.cli.output.CommandRunner;
import io.connectusm.cli.output.Field;
import io.connectusm.cli.output.OutputOption;
import io.connectusm.cli.output.ResultPrinter;
import io.connectusm.cli.output.UsmCliException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code usm context list|use}: the named credential sets of the login file, as Confluent's {@code confluent
 * context} shows and switches them. {@code usm login --context NAME} creates one; {@code --context NAME} on any
 * command uses one without switching.
 */
@Command(name = "context", aliases = "ctx", description = "List the login file's contexts, or choose the current one.",
        subcommands = {ContextCommand.ListContexts.class, ContextCommand.Use.class})
public final class ContextCommand {

    /** What both verbs share: the login file. */
    abstract static class FileCommand implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--usm-config", defaultValue = "${env:USM_CONFIG:-${sys:user.home}/.usm/config.properties}",
                paramLabel = "FILE", description = "The file usm login writes (default: ${DEFAULT-VALUE}).")
        Path configFile;

        @Override
        public final Integer call() throws Exception {
            return CommandRunner.run(spec, () -> run(CliConfigFile.load(configFile)));
        }

        abstract String run(CliConfigFile file) throws IOException;
    }

    /** {@code usm context list}: Current, Name, Platform (URL), Credential (API key); never a secret. */
    @Command(name = "list", description = "List the contexts of the login file.")
    static final class ListContexts extends FileCommand {
        static final List<String> LABELS = List.of("Current", "Name", "Platform", "Credential");

        @Mixin
        OutputOption output;

        @Override
        String run(CliConfigFile file) {
            List<List<Field>> rows = new ArrayList<>();
            for (Map.Entry<String, CliLogin> c : file.contexts().entrySet()) {
                boolean current = c.getKey().equals(file.currentName());
                rows.add(List.of(
                        output.format() == io.connectusm.cli.output.OutputFormat.HUMAN
                                ? new Field(LABELS.get(0), "is_current", current ? "*" : "")
                                : Field.flag(LABELS.get(0), "is_current", current),
                        new Field(LABELS.get(1), "name", c.getKey()),
                        new Field(LABELS.get(2), "platform", c.getValue().url()),
                        new Field(LABELS.get(3), "credential", c.getValue().apiKey())));
            }
            // Sorted by name (Confluent leaves its Current column out of the sort).
            rows.sort((a, b) -> a.get(1).value().compareTo(b.get(1).value()));
            return ResultPrinter.listInOrder(output.format(), rows);
        }
    }

    /** {@code usm context use NAME}: later commands use it without {@code --context}. */
    @Command(name = "use", description = "Make a context the current one.")
    static final class Use extends FileCommand {
        @Parameters(index = "0", paramLabel = "NAME", description = "The context, as usm context list names it.")
        String name;

        @Override
        String run(CliConfigFile file) throws IOException {
            if (!file.contexts().containsKey(name)) {
                throw new UsmCliException("context \"" + name + "\" does not exist",
                        "List the contexts with `usm context list`, or create it with `usm login --context " + name
                                + "`.");
            }
            file.withCurrent(name).write(configFile);
            return "Using context \"" + name + "\".\n";
        }
    }
}
