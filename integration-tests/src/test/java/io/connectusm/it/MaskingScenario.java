package io.connectusm.it;

import io.connectusm.it.connector.FailingSinkConnector;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The connector configs of {@code MaskingEndToEndIT}, with a fresh corpus planted in every category of issue #9:
 * MirrorMaker's prefixed client keys, converters' Schema Registry keys, secret-named STRING keys (new spellings every
 * run) in a connector, a transform and a predicate, credentials inside values under innocent keys, known credential
 * shapes, failing tasks whose traces echo secrets (from the config, and resolved by the worker from a file), and
 * rotations by PUT and PATCH that leave old values in history. Next to them, the over-masking probes of issue #9,
 * which must come back unchanged.
 *
 * <p>Not thread-safe: built and used by one test thread.
 */
final class MaskingScenario {

    static final String MIRROR = "mirror";
    static final String FILES_IN = "files-in";
    static final String FILES_OUT = "files-out";
    static final String FAILING_ECHO = "failing-echo";
    static final String FAILING_RESOLVED = "failing-resolved";

    private static final String PLAIN = "org.apache.kafka.common.security.plain.PlainLoginModule";
    private static final String SCRAM = "org.apache.kafka.common.security.scram.ScramLoginModule";

    /** Harmless keys and values operators need to see (issue #9's probes and more): must stay unchanged. */
    static final Map<String, String> HARMLESS = probes();

    private final PlantedSecrets secrets;
    private final String topic;

    /** The secret-named keys of files-in (fresh spellings), rotated by PUT and PATCH. */
    private final List<String> namedKeys;
    private final String transformKey;
    private final String predicateKey;

    /** files-in as created, which the PUT resends with some values rotated. */
    private Map<String, String> created = Map.of();

    MaskingScenario(PlantedSecrets secrets, String topic) {
        this.secrets = secrets;
        this.topic = topic;
        this.namedKeys = List.of(freshKey(), freshKey(), freshKey(), freshKey(), freshKey(), freshKey());
        this.transformKey = "transforms.route." + secrets.secretKey();
        this.predicateKey = "predicates.onAll." + secrets.secretKey();
    }

    private String freshKey() {
        return secrets.secretKey();
    }

    /** The fresh secret-named keys of files-in (for the test's output: names only). */
    List<String> namedKeys() {
        return namedKeys;
    }

    private static Map<String, String> probes() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("aws.credentials.provider.class", "com.amazonaws.auth.DefaultAWSCredentialsProviderChain");
        p.put("gcs.credentials.path", "/etc/gcs/credentials.json");
        p.put("credentials.file", "/etc/connect/credentials.properties");
        p.put("use.default.credentials", "true");
        p.put("aws.secret.name", "prod/orders/db");
        p.put("aws.secret.region", "eu-west-1");
        p.put("kerberos.credentials.cache", "/tmp/krb5cc_1000");
        p.put("registry.package.url", "https://registry.example.org:443/@scope/pkg");
        p.put("archive.url", "https://files.example.com:8443/exports/@team/2024/out.json");
        p.put("auth.header.name", "X-Api-Key");
        p.put("token.endpoint.url", "https://login.example.com/oauth2/v2.0/token");
        p.put("password.min.length", "12");
        p.put("sasl.kerberos.service.name", "kafka");
        p.put("principal", "kafka/broker1.example.com@EXAMPLE.COM");
        p.put("notify.mailto", "mailto:ops@example.com");
        p.put("value.converter.schema.registry.url", "https://sr.example.com:8081");
        return Map.copyOf(p);
    }

    /** MirrorSourceConnector with PASSWORD-typed client keys under MirrorMaker's prefixes (and one unprefixed). */
    Map<String, String> mirror(String bootstrapServers) {
        String c = MIRROR;
        Map<String, String> m = new LinkedHashMap<>();
        m.put("connector.class", "org.apache.kafka.connect.mirror.MirrorSourceConnector");
        m.put("source.cluster.alias", "upstream");
        m.put("target.cluster.alias", "local");
        m.put("source.cluster.bootstrap.servers", bootstrapServers);
        m.put("target.cluster.bootstrap.servers", bootstrapServers);
        m.put("topics", "nothing-matches-" + secrets.word(6));
        m.put("offset-syncs.topic.replication.factor", "1");
        m.put("sync.topic.acls.enabled", "false");
        String k = "source.cluster.ssl.keystore.key";
        m.put(k, secrets.pemPrivateKey("mirrormaker-prefix", c, k));
        for (String key : List.of("source.consumer.ssl.key.password", "source.admin.ssl.truststore.password",
                "target.cluster.ssl.keystore.password", "target.admin.sasl.oauthbearer.client.credentials.client.secret",
                "ssl.key.password")) {
            m.put(key, secrets.plant("mirrormaker-prefix", c, key, secrets.anyPassword()));
        }
        k = "target.producer.sasl.jaas.config";
        m.put(k, jaas(PLAIN, "mm2", secrets.plant("mirrormaker-prefix", c, k, secrets.password())));
        k = "source.cluster.sasl.jaas.config";
        m.put(k, jaas(SCRAM, "mm2-src", secrets.plant("mirrormaker-prefix", c, k, secrets.password())));
        return m;
    }

    /** FileStreamSource carrying most categories, with batch.size 100 (200 after the PUT, 300 after the PATCH). */
    Map<String, String> filesIn(String file) {
        String c = FILES_IN;
        Map<String, String> m = oneTask("FileStreamSource", "topic");
        m.put("file", file);
        m.put("batch.size", "100");
        // converters' Schema Registry keys, PASSWORD-typed by the client's definition under the converter prefix
        m.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
        m.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");
        m.put("value.converter.schemas.enable", "false");
        plantAll(m, "converter-schema-registry", c, Map.of(
                "value.converter.schema.registry.ssl.keystore.password", secrets.anyPassword(),
                "header.converter.schema.registry.ssl.key.password", secrets.anyPassword(),
                "value.converter.bearer.auth.token", secrets.password()));
        m.put("value.converter.schema.registry.basic.auth.user.info", "svc-" + secrets.word(5) + ":"
                + secrets.plant("converter-schema-registry", c, "value.converter.schema.registry.basic.auth.user.info",
                secrets.password()));
        m.put("key.converter.basic.auth.user.info", "svc:" + secrets.plant("converter-schema-registry", c,
                "key.converter.basic.auth.user.info", secrets.password()));
        // a client override and a secret-named key per fresh spelling
        String k = "producer.override.sasl.jaas.config";
        m.put(k, jaas(PLAIN, "svc", secrets.plant("client-override", c, k, secrets.password())));
        for (String key : namedKeys) {
            m.put(key, rotate("secret-named-key v1", key, secrets.anyPassword()));
        }
        // a transform and a predicate with secret-named keys that their ConfigDefs do not declare
        m.put("transforms", "route");
        m.put("transforms.route.type", "org.apache.kafka.connect.transforms.RegexRouter");
        m.put("transforms.route.regex", "(.*)");
        m.put("transforms.route.replacement", "$1");
        m.put("transforms.route.predicate", "onAll");
        m.put(transformKey, rotate("transform-key v1", transformKey, secrets.password()));
        m.put("predicates", "onAll");
        m.put("predicates.onAll.type", "org.apache.kafka.connect.transforms.predicates.TopicNameMatches");
        m.put("predicates.onAll.pattern", ".*");
        m.put(predicateKey, secrets.plant("predicate-key", c, predicateKey, secrets.password()));
        // credentials inside values under innocent keys: cut out, the rest kept
        m.put("connection.url", connectionUrl(rotate("value-credential v1", "connection.url", secrets.password())));
        m.put("repo.url", "https://" + secrets.plant("value-credential", c, "repo.url", secrets.tokenUser())
                + "@github.com/acme/orders.git");
        m.put("callback.endpoint", "https://me@example.com:" + secrets.plant("value-credential", c,
                "callback.endpoint", secrets.password()) + "@hooks.example.com/v1/notify");
        m.put("notify.target", "https://hooks.example.com/v1/notify?channel=ops&access_token="
                + secrets.plant("value-credential", c, "notify.target", secrets.password()) + "&page=2");
        m.put("blob.location", "https://acct.blob.core.windows.net/c/x.json?sv=2022-11-02&ss=b&srt=o&sig="
                + secrets.plant("value-credential", c, "blob.location", secrets.sasSignature()));
        m.put("jvm.options", "-Xmx1g -Djavax.net.ssl.keyStorePassword="
                + secrets.plant("value-credential", c, "jvm.options", secrets.password()) + " -Dfoo=bar");
        m.put("odbc.dsn", "Driver={ODBC Driver 18 for SQL Server};Server=db,1433;Uid=app;Pwd="
                + secrets.plant("value-credential", c, "odbc.dsn", secrets.password()) + ";Encrypt=yes");
        m.put("db2.url", "jdbc:db2://db2.example.com:50000/ORDERS:user=app;password="
                + secrets.plant("value-credential", c, "db2.url", secrets.password()) + ";");
        m.put("payload.template", "{\"user\":\"svc\",\"password\":\""
                + secrets.plant("value-credential", c, "payload.template", secrets.password()) + "\"}");
        m.put("login.options", "com.example.OAuthLogin required clientId=\"orders\" clientSecret=\""
                + secrets.plant("value-credential", c, "login.options", secrets.password()) + "\";");
        // known credential shapes under innocent keys: masked whole
        m.put("notes", secrets.githubToken("known-shape", c, "notes"));
        m.put("session.blob", secrets.jwt("known-shape", c, "session.blob"));
        m.put("backup.target", secrets.awsKeyPair("known-shape", c, "backup.target"));
        m.put("chat.bot", secrets.slackBotToken("known-shape", c, "chat.bot"));
        m.put("billing.ref", secrets.stripeKey("known-shape", c, "billing.ref"));
        m.put("tls.material", secrets.pemPrivateKey("known-shape", c, "tls.material"));
        m.putAll(HARMLESS);
        created = Map.copyOf(m);
        return m;
    }

    /** The PUT: the whole config as created, with three secrets rotated and batch.size 200. */
    Map<String, String> filesInPut() {
        Map<String, String> m = new LinkedHashMap<>(created);
        m.put(namedKeys.get(0), rotate("secret-named-key v2 (PUT)", namedKeys.get(0), secrets.anyPassword()));
        m.put(transformKey, rotate("transform-key v2 (PUT)", transformKey, secrets.password()));
        m.put("connection.url", connectionUrl(rotate("value-credential v2 (PUT)", "connection.url",
                secrets.password())));
        m.put("batch.size", "200");
        return m;
    }

    /** The PATCH: only the keys it changes, rotated again, and batch.size 300. */
    Map<String, String> filesInPatch() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put(namedKeys.get(0), rotate("secret-named-key v3 (PATCH)", namedKeys.get(0), secrets.anyPassword()));
        m.put(namedKeys.get(1), rotate("secret-named-key v2 (PATCH)", namedKeys.get(1), secrets.password()));
        m.put("connection.url", connectionUrl(rotate("value-credential v3 (PATCH)", "connection.url",
                secrets.password())));
        m.put("batch.size", "300");
        return m;
    }

    /** FileStreamSink, deleted at the end (its history must stay clean after the delete). */
    Map<String, String> filesOut(String file) {
        String c = FILES_OUT;
        Map<String, String> m = oneTask("org.apache.kafka.connect.file.FileStreamSinkConnector", "topics");
        m.put("file", file);
        String k = "consumer.override.sasl.jaas.config";
        m.put(k, jaas(SCRAM, "sink", secrets.plant("client-override", c, k, secrets.password())));
        k = secrets.secretKey();
        m.put(k, secrets.plant("secret-named-key", c, k, secrets.anyPassword()));
        m.put("notify.url", "https://alerts:" + secrets.plant("value-credential", c, "notify.url", secrets.password())
                + "@alerts.example.com:8443/hook");
        return m;
    }

    /**
     * A sink whose task fails with a message that echoes secrets of its own config: a name-masked value and a
     * type-masked JAAS config echoed bare (only the connector's masked values can catch them), and a URL password
     * in the message itself (cut out of the config, so scrubbed from the trace).
     */
    Map<String, String> failingEcho() {
        String c = FAILING_ECHO;
        Map<String, String> m = oneTask(FailingSinkConnector.class.getName(), "topics");
        m.put("db.password", secrets.plant("trace-echo", c, "db.password", secrets.password()));
        m.put("sasl.jaas.config", jaas(PLAIN, "app", secrets.plant("trace-echo", c, "sasl.jaas.config",
                secrets.password())));
        m.put(FailingSinkConnector.FAILURE_MESSAGE_CONFIG, "cannot reach jdbc:postgresql://app:"
                + secrets.plant("trace-echo", c, "failure.message", secrets.password())
                + "@db.example.com:5432/orders after login with");
        m.put(FailingSinkConnector.FAILURE_ECHO_KEYS_CONFIG, "db.password,sasl.jaas.config");
        return m;
    }

    /**
     * A sink whose task fails with secrets the worker resolved from {@code secretsFile} through its
     * FileConfigProvider: the extension sees only the references, so only the detectors can catch them in the
     * trace (an assignment, a known token shape).
     *
     * @return the config; {@link #resolvedFileContent()} is what the file must hold
     */
    Map<String, String> failingResolved(String secretsFile) {
        Map<String, String> m = oneTask(FailingSinkConnector.class.getName(), "topics");
        m.put(FailingSinkConnector.FAILURE_MESSAGE_CONFIG, "upstream refused password=${file:" + secretsFile
                + ":upstream.password} while ${file:" + secretsFile + ":github.token} was in use");
        return m;
    }

    private String resolvedPassword;
    private String resolvedToken;

    /** The properties file the worker resolves {@link #failingResolved(String)}'s references from. */
    String resolvedFileContent() {
        if (resolvedPassword == null) {
            resolvedPassword = secrets.plant("resolved-from-file", FAILING_RESOLVED, "upstream.password",
                    secrets.password());
            resolvedToken = secrets.githubToken("resolved-from-file", FAILING_RESOLVED, "github.token");
        }
        return "upstream.password=" + resolvedPassword + "\ngithub.token=" + resolvedToken + "\n";
    }

    /** The key names that files-in must show masked whole (by type, name or shape). */
    List<String> filesInMaskedWhole() {
        List<String> keys = new java.util.ArrayList<>(namedKeys);
        keys.addAll(List.of(transformKey, predicateKey, "producer.override.sasl.jaas.config",
                "value.converter.schema.registry.ssl.keystore.password",
                "header.converter.schema.registry.ssl.key.password", "value.converter.bearer.auth.token",
                "value.converter.schema.registry.basic.auth.user.info", "key.converter.basic.auth.user.info",
                "notes", "session.blob", "backup.target", "chat.bot", "billing.ref", "tls.material",
                // an Azure SAS (sig= next to sv=) is a credential shape: the URL goes whole
                "blob.location"));
        return keys;
    }

    /** Keys of files-in whose values keep everything but a credential. */
    static List<String> filesInCutKeys() {
        return List.of("connection.url", "repo.url", "callback.endpoint", "notify.target", "jvm.options", "odbc.dsn",
                "db2.url", "payload.template", "login.options");
    }

    /** A config of {@code connectorClass} with one task, reading or writing the topic under {@code topicKey}. */
    private Map<String, String> oneTask(String connectorClass, String topicKey) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("connector.class", connectorClass);
        m.put("tasks.max", "1");
        m.put(topicKey, topic);
        return m;
    }

    private String rotate(String category, String key, String value) {
        return secrets.plant(category, FILES_IN, key, value);
    }

    private void plantAll(Map<String, String> config, String category, String connector, Map<String, String> values) {
        values.forEach((key, value) -> config.put(key, secrets.plant(category, connector, key, value)));
    }

    private static String jaas(String loginModule, String user, String password) {
        return loginModule + " required username=\"" + user + "\" password=\"" + password + "\";";
    }

    private static String connectionUrl(String password) {
        return "jdbc:postgresql://app:" + password + "@db.example.com:5432/orders?ssl=true";
    }
}
