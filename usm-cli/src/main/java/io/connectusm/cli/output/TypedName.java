package io.connectusm.cli.output;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;

import picocli.CommandLine.Model.CommandSpec;

/**
 * The name a command was typed as, alias included ({@code delete} for {@code deregister}), so prompts and results
 * echo the user's verb as Confluent's do ({@code cmd.CalledAs()}). Picocli records the parsed command, not the
 * alias; this finds, for each command from the root down, the first argument naming it after its parent's.
 * Stateless.
 */
public final class TypedName {

    private TypedName() {
    }

    public static String of(CommandSpec spec) {
        Deque<CommandSpec> chain = new ArrayDeque<>();
        for (CommandSpec s = spec; s.parent() != null; s = s.parent()) {
            chain.push(s);
        }
        List<String> args = spec.commandLine().getParseResult() == null ? List.of()
                : spec.commandLine().getParseResult().originalArgs();
        int from = 0;
        String typed = spec.name();
        for (CommandSpec s : chain) {
            List<String> names = new java.util.ArrayList<>(Arrays.asList(s.aliases()));
            names.add(s.name());
            typed = s.name();
            for (int i = from; i < args.size(); i++) {
                if (names.contains(args.get(i))) {
                    typed = args.get(i);
                    from = i + 1;
                    break;
                }
            }
        }
        return typed;
    }
}
