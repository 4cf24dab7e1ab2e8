package io.connectusm.extension;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A test class's worker PKI (certs-tooling certificates for Connect cluster {@value #CONNECT_CLUSTER_ID}) and a
 * {@link RecordingHttpsReceiver} requiring the worker's client certificate: what a test of the delivery path talks
 * to instead of an agent. Register it as a static field with {@code @RegisterExtension}; it starts before the
 * class's first test and closes the receiver and deletes the certificates after its last.
 */
final class MtlsReceiverFixture implements BeforeAllCallback, AfterAllCallback {

    /** The Connect cluster ID the certificates are issued for. */
    static final String CONNECT_CLUSTER_ID = "connect-cluster-id";

    private Path dir;
    private WorkerPki pki;
    private RecordingHttpsReceiver receiver;

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        dir = Files.createTempDirectory("mtls-receiver-");
        pki = WorkerPki.create(dir, CONNECT_CLUSTER_ID);
        receiver = new RecordingHttpsReceiver(pki.serverContext());
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        if (receiver != null) {
            receiver.close();
        }
        if (dir != null) {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(file);
                }
            }
        }
    }

    WorkerPki pki() {
        return pki;
    }

    RecordingHttpsReceiver receiver() {
        return receiver;
    }
}
