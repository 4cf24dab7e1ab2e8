package io.connectusm.events;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;

/**
 * Seeded generator of valid events, edge cases included: null optionals, empty collections, unicode
 * (supplementary characters, RTL, controls, quotes), null config values, masked keys that are absent
 * from the config, nanosecond times. A failure can be replayed from its seed.
 */
final class RandomEvents {

    private static final String[] ALPHABETS = {
        "abcdefghijklmnopqrstuvwxyz.-_",
        "ÄÖÜßéèçñøå",
        "日本語中文한국어",
        "עברית العربية",
        "\"\\/\b\f\n\r\t\u0000\u001f\u2028\u2029",
        "\uD83D\uDE00\uD83C\uDF89\uD834\uDD1E",
    };

    private final Random random;

    RandomEvents(long seed) {
        this.random = new Random(seed);
    }

    MetadataEvent next() {
        EventPayload payload = switch (random.nextInt(4)) {
            case 0 -> snapshot();
            case 1 -> new ConnectorDeleted(nonEmpty(), random.nextBoolean() ? null
                    : new ChangeActor(maybe(), maybe(), maybe(), maybe(), maybe(), random.nextBoolean()));
            case 2 -> inventory();
            default -> plugins();
        };
        ClusterRef cluster = new ClusterRef(nonEmpty(), nonEmpty());
        Instant epoch = Instant.ofEpochMilli(random.nextLong() & 0x7fff_ffff_ffffL);
        Instant time = Instant.ofEpochSecond(random.nextInt(Integer.MAX_VALUE), random.nextBoolean() ? 0 : random.nextInt(1_000_000_000));
        long sequence = random.nextBoolean() ? random.nextInt(10) : random.nextLong() & Long.MAX_VALUE;
        return new MetadataEvent(UUID.randomUUID().toString(), cluster, nonEmpty(), epoch, sequence, time, payload);
    }

    List<MetadataEvent> batch(int size) {
        List<MetadataEvent> batch = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            batch.add(next());
        }
        return batch;
    }

    private static final String[] WHOLE_VALUE_CODES = {MaskReasonCodes.TYPE, MaskReasonCodes.NAME,
        MaskReasonCodes.PATTERN, MaskReasonCodes.POLICY, MaskReasonCodes.SHAPE};

    private ConnectorSnapshot snapshot() {
        SortedMap<String, String> config = new TreeMap<>();
        TreeSet<String> masked = new TreeSet<>();
        SortedMap<String, String> reasons = new TreeMap<>();
        int entries = random.nextInt(4) == 0 ? 0 : random.nextInt(12);
        for (int i = 0; i < entries; i++) {
            String key = text(1 + random.nextInt(20));
            if (config.containsKey(key)) {
                continue;
            }
            switch (random.nextInt(5)) {
                case 0 -> {
                    config.put(key, ConnectorSnapshot.MASKED_VALUE);
                    masked.add(key);
                    if (random.nextBoolean()) {
                        reasons.put(key, pick(WHOLE_VALUE_CODES));
                    }
                }
                case 1 -> config.put(key, null);
                default -> {
                    config.put(key, text(random.nextInt(40)));
                    if (random.nextInt(4) == 0) {
                        // a credential cut out, or a code a newer emitter may add (readers keep it)
                        reasons.put(key, random.nextBoolean() ? MaskReasonCodes.URL : "future-code_" + random.nextInt(9));
                    }
                }
            }
        }
        if (random.nextBoolean()) {
            masked.add("not.in.config." + text(3));
        }
        List<TaskSnapshot> tasks = new ArrayList<>();
        int taskCount = random.nextInt(3) == 0 ? 0 : random.nextInt(5);
        for (int id = 0; id < taskCount; id++) {
            tasks.add(new TaskSnapshot(id, pick(ConnectorState.values()), maybe(), maybe()));
        }
        TraceMode traceMode = random.nextBoolean() ? null : pick(TraceMode.values());
        ChangeActor actor = random.nextBoolean() ? null
                : new ChangeActor(maybe(), maybe(), maybe(), maybe(), maybe(), random.nextBoolean());
        return ConnectorSnapshot.builder()
                .name(nonEmpty())
                .connectorClass(maybe())
                .connectorType(pick(ConnectorType.values()))
                .state(pick(ConnectorState.values()))
                .workerId(maybe())
                .trace(maybe())
                .tasks(tasks)
                .config(config)
                .maskedKeys(masked)
                .maskReasons(reasons)
                .cause(pick(ChangeCause.values()))
                .traceMode(traceMode)
                .topics(topics())
                .build()
                .withActor(actor);
    }

    /** Unknown a third of the time, else legal names (repeats allowed: the snapshot keeps each once), edges included. */
    private List<String> topics() {
        if (random.nextInt(3) == 0) {
            return null;
        }
        String legal = "abcXYZ019._-";
        List<String> topics = new ArrayList<>();
        for (int i = random.nextInt(6); i > 0; i--) {
            switch (random.nextInt(5)) {
                case 0:
                    topics.add("x".repeat(EventLimits.MAX_TOPIC_NAME_CHARS));
                    break;
                case 1:
                    topics.add(random.nextBoolean() ? "..." : "-");
                    break;
                case 2:
                    topics.add("connector-" + random.nextInt(3));
                    break;
                default:
                    StringBuilder name = new StringBuilder();
                    for (int c = 1 + random.nextInt(20); c > 0; c--) {
                        name.append(legal.charAt(random.nextInt(legal.length())));
                    }
                    topics.add(name.toString().equals(".") || name.toString().equals("..") ? "_" : name.toString());
            }
        }
        return topics;
    }

    private ClusterInventory inventory() {
        SortedMap<String, String> connectors = new TreeMap<>();
        for (int i = random.nextInt(6); i > 0; i--) {
            connectors.put(nonEmpty(), ConfigFingerprint.of(Map.of(text(5), text(5))));
        }
        return new ClusterInventory(connectors);
    }

    private WorkerPlugins plugins() {
        List<PluginDescriptor> plugins = new ArrayList<>();
        for (int i = random.nextInt(5); i > 0; i--) {
            plugins.add(new PluginDescriptor(nonEmpty(), nonEmpty(), maybe()));
        }
        return new WorkerPlugins(nonEmpty(), maybe(), plugins);
    }

    private <T> T pick(T[] values) {
        return values[random.nextInt(values.length)];
    }

    private String maybe() {
        return random.nextInt(3) == 0 ? null : text(random.nextInt(30));
    }

    private String nonEmpty() {
        return text(1 + random.nextInt(25));
    }

    /** {@code length} code points from a random mix of alphabets. */
    private String text(int length) {
        StringBuilder out = new StringBuilder();
        String alphabet = ALPHABETS[random.nextInt(ALPHABETS.length)];
        int[] codePoints = alphabet.codePoints().toArray();
        for (int i = 0; i < length; i++) {
            if (random.nextInt(8) == 0) {
                codePoints = ALPHABETS[random.nextInt(ALPHABETS.length)].codePoints().toArray();
            }
            out.appendCodePoint(codePoints[random.nextInt(codePoints.length)]);
        }
        return out.toString();
    }
}
