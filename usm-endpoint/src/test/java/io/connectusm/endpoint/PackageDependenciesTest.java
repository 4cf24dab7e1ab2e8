package io.connectusm.endpoint;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * The packages call each other only as their {@code package-info.java} says: read from the imports of the main
 * sources and the templates, so a new dependency that breaks the layering fails here, not in a review.
 */
class PackageDependenciesTest {

    static final Path MAIN = Path.of("src/main/java/io/connectusm/endpoint");
    static final Path TEMPLATES = Path.of("src/main/jte");
    static final Pattern IMPORT = Pattern.compile("^@?import (?:static )?io\\.connectusm\\.endpoint\\.([a-z]+\\.)?[A-Z]",
            Pattern.MULTILINE);

    /** What each package may import from the endpoint's other packages ("" is the root). */
    static final Map<String, Set<String>> ALLOWED = Map.of(
            "http", Set.of(),
            "store", Set.of(),
            "ingest", Set.of(),
            "auth", Set.of("http", "store"),
            "api", Set.of("http", "auth", "ingest", "store"),
            "web", Set.of("api", "http", "auth", "store"),
            "metrics", Set.of("api", "http", "store"),
            "webhooks", Set.of("metrics", "store"),
            "", Set.of("api", "http", "auth", "ingest", "store", "web", "metrics", "webhooks"));

    @Test
    void everyPackageImportsOnlyWhatItsPackageInfoAllows() throws IOException {
        Map<String, Set<String>> actual = new TreeMap<>();
        try (Stream<Path> files = Files.walk(MAIN)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                Path parent = MAIN.relativize(file).getParent();
                record(actual, parent == null ? "" : parent.toString(), Files.readString(file));
            }
        }
        try (Stream<Path> files = Files.list(TEMPLATES)) {
            for (Path file : files.toList()) {
                record(actual, "web", Files.readString(file)); // templates compile into the web package
            }
        }

        assertThat(actual.keySet()).containsExactlyInAnyOrderElementsOf(ALLOWED.keySet());
        actual.forEach((pkg, imports) -> assertThat(ALLOWED.get(pkg)).as("package '%s' imports", pkg)
                .containsAll(imports));
    }

    @Test
    void everyPackageSaysWhatItOwnsAndMayCall() {
        for (String pkg : ALLOWED.keySet()) {
            assertThat(MAIN.resolve(pkg).resolve("package-info.java")).as(pkg).exists()
                    .content().containsIgnoringCase("may call");
        }
    }

    private static void record(Map<String, Set<String>> actual, String pkg, String source) {
        Set<String> imports = actual.computeIfAbsent(pkg, k -> new TreeSet<>());
        Matcher m = IMPORT.matcher(source);
        while (m.find()) {
            String target = m.group(1) == null ? "" : m.group(1).substring(0, m.group(1).length() - 1);
            if (!target.equals(pkg)) {
                imports.add(target);
            }
        }
    }
}
