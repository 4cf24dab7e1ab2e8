package io.connectusm.cli.quickstart;

import java.nio.file.Path;

import io.connectusm.cli.UsmCommandLine;

/** Where the quickstart puts its files by default, as other packages' tests need to know it. */
public final class QuickstartFiles {

    private QuickstartFiles() {
    }

    /** The login file of a quickstart run with its default {@code --data-dir}, relative to the working directory. */
    public static Path defaultLogin() {
        String dataDir = UsmCommandLine.create(java.util.Map.of()).getSubcommands().get("quickstart")
                .getCommandSpec().findOption("--data-dir").defaultValue();
        Path cwd = Path.of("").toAbsolutePath();
        return cwd.relativize(new QuickstartLayout(Path.of(dataDir)).cliConfig());
    }
}
