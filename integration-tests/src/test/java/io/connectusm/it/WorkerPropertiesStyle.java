package io.connectusm.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The two ways a worker's {@code confluent.connect.metadata.events.*} block is written, each taken verbatim from
 * {@code docs/worker-extension.md} (the fenced block after a {@code <!-- kafka-matrix:NAME -->} marker), so a test
 * that runs them keeps the documentation true: the documented one ({@code ${file:…}} references, as the USM guide and
 * Confluent for Kubernetes write it) and the one cp-ansible writes (literal passwords, {@code emitter.type},
 * {@code api.key=api.secret=dummy}, its telemetry keys).
 */
enum WorkerPropertiesStyle {

    DOCUMENTED("documented"),
    CONFLUENT_TOOLING("confluent-tooling");

    static final String DOC_TLS_DIR = "/mnt/sslcerts/tls-connect";
    static final String DOC_AGENT_URL = "https://usm-agent.connect.svc.cluster.local:10000";
    static final String DOC_STORE_PASSWORD = "<store password>";

    private final String marker;

    WorkerPropertiesStyle(String marker) {
        this.marker = marker;
    }

    /**
     * The block of this style from the docs, with the documented certificate directory, agent URL and store
     * password replaced by the test's.
     */
    List<String> properties(Path tlsDir, String agentUrl, String storePassword) throws IOException {
        Path doc = Path.of(System.getProperty("repo.dir", "..")).resolve("docs").resolve("worker-extension.md");
        Matcher block = Pattern.compile("<!-- kafka-matrix:" + Pattern.quote(marker) + " -->\\s*```[a-z]*\\n(.*?)```",
                Pattern.DOTALL).matcher(Files.readString(doc));
        if (!block.find()) {
            throw new IllegalStateException(doc + " has no block marked kafka-matrix:" + marker);
        }
        return block.group(1).replace(DOC_TLS_DIR, tlsDir.toString()).replace(DOC_AGENT_URL, agentUrl)
                .replace(DOC_STORE_PASSWORD, storePassword).lines().map(String::strip)
                .filter(line -> !line.isEmpty() && !line.startsWith("#")).toList();
    }

    /** For file and group names. */
    String label() {
        return marker;
    }
}
