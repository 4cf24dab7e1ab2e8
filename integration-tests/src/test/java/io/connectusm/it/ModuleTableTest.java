package io.connectusm.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * The module table of {@code docs/architecture.md} is generated from the poms (the reactor's module order, each
 * module's description, root package, bytecode level and main-scope dependencies), so it cannot drift from the
 * build: this test fails when they disagree and, run with {@code -Ddocs.update=true}, rewrites the table.
 */
class ModuleTableTest {

    private static final Path ROOT = Path.of(System.getProperty("repo.dir", "..")).toAbsolutePath().normalize();
    private static final Path DOC = ROOT.resolve("docs/architecture.md");
    private static final String BEGIN = "<!-- BEGIN GENERATED MODULE TABLE -->\n";
    private static final String END = "<!-- END GENERATED MODULE TABLE -->";
    private static final Pattern PROPERTY = Pattern.compile("\\$\\{([^}]+)}");

    @Test
    void moduleTableMatchesThePoms() throws Exception {
        String doc = Files.readString(DOC);
        int begin = doc.indexOf(BEGIN);
        int end = doc.indexOf(END);
        assertThat(begin).as("markers in " + DOC).isNotNegative();
        assertThat(end).as("markers in " + DOC).isGreaterThan(begin);
        String expected = table();
        String actual = doc.substring(begin + BEGIN.length(), end);
        if (Boolean.getBoolean("docs.update") && !actual.equals(expected)) {
            Files.writeString(DOC, doc.substring(0, begin + BEGIN.length()) + expected + doc.substring(end));
            actual = expected;
        }
        assertThat(actual).as("docs/architecture.md's module table is stale: run this test with -Ddocs.update=true")
                .isEqualTo(expected);
    }

    @Test
    void everyModuleOfTheReactorHasADescription() throws Exception {
        for (String module : modules(pom(ROOT.resolve("pom.xml")))) {
            assertThat(text(pom(ROOT.resolve(module).resolve("pom.xml")).getDocumentElement(), "description"))
                    .as(module + "/pom.xml <description>").isNotBlank();
        }
    }

    static String table() throws Exception {
        Document root = pom(ROOT.resolve("pom.xml"));
        Map<String, String> properties = properties(root);
        StringBuilder out = new StringBuilder("\n| module | root package | bytecode | what it owns | depends on (main scope) |\n"
                + "|---|---|---|---|---|\n");
        for (String module : modules(root)) {
            Path dir = ROOT.resolve(module);
            Element project = pom(dir.resolve("pom.xml")).getDocumentElement();
            out.append("| `").append(text(project, "artifactId")).append("` | ")
                    .append(rootPackage(dir.resolve("src/main/java")))
                    .append(" | Java ").append(release(project, properties))
                    .append(" | ").append(text(project, "description").replaceAll("\\s+", " ").strip().replace("|", "\\|"))
                    .append(" | ").append(dependencies(project)).append(" |\n");
        }
        return out.append('\n').toString();
    }

    /** The modules of the default build, in the reactor's order (profiles' modules are not listed). */
    private static List<String> modules(Document root) {
        List<String> out = new ArrayList<>();
        for (Element modules : children(root.getDocumentElement(), "modules")) {
            for (Element module : children(modules, "module")) {
                out.add(module.getTextContent().strip());
            }
        }
        return out;
    }

    private static Map<String, String> properties(Document root) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Element properties : children(root.getDocumentElement(), "properties")) {
            NodeList nodes = properties.getChildNodes();
            for (int i = 0; i < nodes.getLength(); i++) {
                if (nodes.item(i) instanceof Element e) {
                    out.put(e.getTagName(), e.getTextContent().strip());
                }
            }
        }
        return out;
    }

    /** The compiler's {@code release} the module sets for its main code, else the reactor's. */
    private static String release(Element project, Map<String, String> properties) {
        NodeList releases = project.getElementsByTagName("release");
        String release = releases.getLength() == 0 ? "${maven.compiler.release}"
                : releases.item(0).getTextContent().strip();
        Matcher m = PROPERTY.matcher(release);
        return m.matches() ? properties.getOrDefault(m.group(1), release) : release;
    }

    /** Main-scope dependencies: the project's modules by name, others by artifact; provided ones marked. */
    private static String dependencies(Element project) {
        List<String> out = new ArrayList<>();
        for (Element dependencies : children(project, "dependencies")) {
            for (Element dependency : children(dependencies, "dependency")) {
                String scope = text(dependency, "scope");
                if (scope.equals("test") || text(dependency, "type").equals("test-jar")) {
                    continue;
                }
                String name = text(dependency, "artifactId");
                String shown = text(dependency, "groupId").equals("io.connectusm") ? "`" + name + "`" : name;
                out.add(scope.equals("provided") ? shown + " (provided)" : shown);
            }
        }
        return out.isEmpty() ? "the JDK only" : String.join(", ", out);
    }

    /** The deepest package every main source file lies in, or "—" for a module without main code. */
    private static String rootPackage(Path sources) throws IOException {
        if (!Files.isDirectory(sources)) {
            return "—";
        }
        List<Path> dirs;
        try (Stream<Path> files = Files.walk(sources)) {
            dirs = files.filter(f -> f.toString().endsWith(".java")).map(f -> sources.relativize(f.getParent()))
                    .distinct().collect(Collectors.toList());
        }
        if (dirs.isEmpty()) {
            return "—";
        }
        Path common = dirs.get(0);
        for (Path dir : dirs) {
            while (!dir.startsWith(common)) {
                common = common.getParent();
            }
        }
        return "`" + common.toString().replace('/', '.') + "`";
    }

    private static Document pom(Path file) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(file.toFile());
    }

    private static List<Element> children(Element parent, String tag) {
        List<Element> out = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getTagName().equals(tag)) {
                out.add(e);
            }
        }
        return out;
    }

    private static String text(Element parent, String tag) {
        List<Element> found = children(parent, tag);
        return found.isEmpty() ? "" : found.get(0).getTextContent().strip();
    }
}
