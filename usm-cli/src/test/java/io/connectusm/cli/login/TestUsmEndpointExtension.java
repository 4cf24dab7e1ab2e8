package io.connectusm.cli.login;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A {@link TestUsmEndpoint} for a whole test class: started in a fresh temporary directory before the class's
 * {@code @BeforeAll} methods, closed and the directory deleted after its tests. Register it on a static field
 * with {@code @RegisterExtension}. Not thread-safe; one per test class.
 */
public final class TestUsmEndpointExtension implements BeforeAllCallback, AfterAllCallback {

    private Path dir;
    private TestUsmEndpoint endpoint;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        dir = Files.createTempDirectory("usm-cli-test");
        endpoint = TestUsmEndpoint.start(dir);
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        endpoint.close();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    public TestUsmEndpoint endpoint() {
        return endpoint;
    }

    /** The class's temporary directory, for files the tests write. */
    public Path dir() {
        return dir;
    }

    /** {@code command} followed by the connection flags, with a login file that does not exist. */
    public String[] args(String... command) {
        return endpoint.withConnectionArgs(dir.resolve("no-login.properties"), command);
    }
}
