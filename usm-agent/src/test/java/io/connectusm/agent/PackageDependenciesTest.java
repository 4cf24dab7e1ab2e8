package io.connectusm.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The agent's packages call each other only as their {@code package-info.java} says: the root assembles
 * everything and nothing calls it back; below it, no cycle. Read from the sources' imports (the agent never uses
 * a sibling package by its fully qualified name).
 */
class PackageDependenciesTest {

    private static final Path SOURCES = Path.of("src", "main", "java", "io", "connectusm", "agent");
    private static final Pattern IMPORT = Pattern.compile("^import (?:static )?io\\.connectusm\\.agent\\.([a-z]+)?\\.?([A-Z]\\w*)",
            Pattern.MULTILINE);

    /** What each sub-package may import from its siblings (see their package-info.java). */
    private static final Map<String, Set<String>> ALLOWED = Map.of(
            "http", Set.of(),
            "tls", Set.of(),
            "spool", Set.of(),
            "registration", Set.of("spool"),
            "ingest", Set.of("tls", "spool", "registration", "http"),
            "forward", Set.of("spool", "registration"),
            "control", Set.of("registration", "http"));

    @Test
    void subPackagesCallOnlyWhatTheirPackageInfoAllowsAndNeverTheRoot() throws IOException {
        List<String> violations = new ArrayList<>();
        try (Stream<Path> files = Files.walk(SOURCES)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                Path relative = SOURCES.relativize(file);
                String from = relative.getNameCount() == 1 ? "" : relative.getName(0).toString();
                if (from.isEmpty()) {
                    continue; // the root may call every sub-package
                }
                assertThat(ALLOWED).as("a rule for package %s", from).containsKey(from);
                Matcher matcher = IMPORT.matcher(Files.readString(file));
                while (matcher.find()) {
                    String to = matcher.group(1) == null ? "" : matcher.group(1);
                    if (!to.equals(from) && !ALLOWED.get(from).contains(to)) {
                        violations.add(relative + " imports " + (to.isEmpty() ? "the root package's " : to + ".")
                                + matcher.group(2));
                    }
                }
            }
        }
        assertThat(violations).isEmpty();
    }
}
