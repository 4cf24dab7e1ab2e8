package io.connectusm.benchmarks.ingest;

import io.connectusm.benchmarks.EventCodecBenchmark;
import io.connectusm.events.ConnectorSnapshot;
import io.connectusm.events.EventCodec;
import io.connectusm.events.MetadataEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * The batches one client posts: its share of the connectors (round robin, like connectors between workers), each
 * connector as a snapshot of realistic size (40 config entries, one masked, 4 tasks; 2.4 KB of JSON, the shape of
 * {@code EventCodecBenchmark}) at two config revisions. Every pass over the connectors switches revision, so every
 * event differs from the state before it and none is deduplicated. By default each batch is encoded when it is sent,
 * as a worker's emitter does ({@code EventCodec.encodeBatch}); with {@code preEncoded} the events are encoded once, up
 * front, and a batch is their concatenation, so the clients spend their CPU on HTTP and TLS only. Not thread-safe: one
 * per client.
 */
final class Payloads {

    private static final EventCodec CODEC = new EventCodec();

    /** [revision][connector] → the event, and its encoding. */
    private final MetadataEvent[][] events;
    private final byte[][][] encoded;
    private final int batch;
    private final boolean preEncoded;
    private int position;
    private int revision;

    /**
     * @param time when the states were observed: in the past, so no receiver takes them for future-dated
     */
    Payloads(int client, int clients, int connectors, int batch, Instant time, boolean preEncoded) {
        List<String> names = new ArrayList<>();
        for (int k = client; k < connectors; k += clients) {
            names.add(String.format(Locale.ROOT, "connector-%05d", k));
        }
        this.events = new MetadataEvent[2][names.size()];
        this.encoded = new byte[2][names.size()][];
        for (int r = 0; r < 2; r++) {
            for (int k = 0; k < names.size(); k++) {
                events[r][k] = event(names.get(k), r, time.plusMillis(k));
                encoded[r][k] = CODEC.encode(events[r][k]);
            }
        }
        this.batch = batch;
        this.preEncoded = preEncoded;
    }

    /** The next batch: the next {@code batch} events of the round robin, as a JSON array. */
    byte[] next() {
        if (!preEncoded) {
            List<MetadataEvent> list = new ArrayList<>(batch);
            for (int i = 0; i < batch; i++) {
                list.add(events[revision][position]);
                advance();
            }
            return CODEC.encodeBatch(list);
        }
        int length = 2 + batch - 1;
        int p = position;
        int r = revision;
        for (int i = 0; i < batch; i++) {
            length += encoded[r][p].length;
            if (++p == encoded[r].length) {
                p = 0;
                r ^= 1;
            }
        }
        byte[] body = new byte[length];
        int at = 0;
        body[at++] = '[';
        for (int i = 0; i < batch; i++) {
            if (i > 0) {
                body[at++] = ',';
            }
            byte[] event = encoded[revision][position];
            System.arraycopy(event, 0, body, at, event.length);
            at += event.length;
            advance();
        }
        body[at] = ']';
        return body;
    }

    private void advance() {
        if (++position == events[revision].length) {
            position = 0;
            revision ^= 1;
        }
    }

    private static MetadataEvent event(String connector, int revision, Instant time) {
        ConnectorSnapshot snapshot = EventCodecBenchmark.snapshot(connector,
                java.util.Map.of("revision", Integer.toString(revision)));
        return new MetadataEvent(UUID.randomUUID().toString(), Fixture.CLUSTER, "worker-1:8083", time.minusSeconds(60),
                revision, time, connector, snapshot);
    }
}
