package io.connectusm.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Holds {@link EventScanner} to {@link EventCodec} on one input: both accept it, or both refuse it with the same
 * exception (kind, field, message). When both accept, every scanned event's bytes decode to the event the codec
 * decoded, its envelope fields are the event's, and its digest is {@link StateDigest#of} the event. The scanner runs
 * twice, without and with an inspector (which walks the fields the contract skips), and must agree with itself.
 * The tests that pin the codec's refusals call this, so each of their inputs holds both.
 *
 * <p>The scanner's two paths are also held to each other on every input: the fast path ({@link FastScan}) answers
 * only documents the exact path ({@link EventScanner#exactBatch}, over Jackson) accepts, and then with equal events
 * (envelope, slice, digest, and what an inspector flagged); the scanner as callers use it agrees with the exact path.
 */
final class ScannerParity {

    static final EventCodec CODEC = new EventCodec();
    static final EventScanner SCANNER = new EventScanner();
    private static final Predicate<String> LOOKS_AT_EVERYTHING = text -> false;
    /** Says yes to about one string in eight, so that which events are flagged is compared too. */
    private static final Predicate<String> FLAGS_SOME = text -> (text.hashCode() & 7) == 0;

    private ScannerParity() {
    }

    /** The codec's events of a batch; throws the codec's exception when it refuses (after checking the scanner's). */
    static List<MetadataEvent> batch(byte[] json) {
        for (Predicate<String> inspector : Arrays.asList(null, LOOKS_AT_EVERYTHING, FLAGS_SOME)) {
            pathsAgree(json, FastScan.batch(json, inspector), () -> SCANNER.exactBatch(json, inspector),
                    () -> SCANNER.scanBatch(json, inspector));
        }
        return agree(json, CODEC::decodeBatch, bytes -> SCANNER.scanBatch(bytes),
                bytes -> SCANNER.scanBatch(bytes, LOOKS_AT_EVERYTHING));
    }

    /** The same for one event. */
    static MetadataEvent one(byte[] json) {
        ScannedEvent fast = FastScan.one(json);
        pathsAgree(json, fast == null ? null : List.of(fast), () -> List.of(SCANNER.exact(json)),
                () -> List.of(SCANNER.scan(json)));
        return agree(json, bytes -> List.of(CODEC.decode(bytes)), bytes -> List.of(SCANNER.scan(bytes)),
                bytes -> List.of(SCANNER.scan(bytes))).get(0);
    }

    private static List<MetadataEvent> agree(byte[] json, Function<byte[], List<MetadataEvent>> decode,
            Function<byte[], List<ScannedEvent>> scan, Function<byte[], List<ScannedEvent>> scanInspected) {
        List<MetadataEvent> decoded;
        try {
            decoded = decode.apply(json);
        } catch (EventDecodingException refused) {
            for (Function<byte[], List<ScannedEvent>> scanner : List.of(scan, scanInspected)) {
                Throwable scanned = outcome(scanner, json);
                assertThat(scanned).as("the scanner must refuse what the codec refuses: %s, input %s", refused,
                        base64(json)).isInstanceOf(EventDecodingException.class);
                EventDecodingException error = (EventDecodingException) scanned;
                assertThat(error.kind()).as("kind, input %s", base64(json)).isEqualTo(refused.kind());
                assertThat(error.field()).as("field, input %s", base64(json)).isEqualTo(refused.field());
                assertThat(error.getMessage()).as("message, input %s", base64(json)).isEqualTo(refused.getMessage());
                assertThat(error.getCause()).isNull();
            }
            throw refused;
        }
        List<ScannedEvent> plain = scan.apply(json);
        List<ScannedEvent> inspected = scanInspected.apply(json);
        assertThat(plain).as("events, input %s", base64(json)).hasSameSizeAs(decoded);
        assertThat(inspected).hasSameSizeAs(decoded);
        for (int i = 0; i < decoded.size(); i++) {
            MetadataEvent event = decoded.get(i);
            ScannedEvent scanned = plain.get(i);
            assertThat(CODEC.decode(scanned.json())).as("the bytes of event %d decode to it", i).isEqualTo(event);
            assertThat(scanned.type()).isEqualTo(event.type());
            assertThat(scanned.id()).isEqualTo(event.id());
            assertThat(scanned.cluster()).isEqualTo(event.cluster());
            assertThat(scanned.workerId()).isEqualTo(event.workerId());
            assertThat(scanned.epoch()).isEqualTo(event.epoch());
            assertThat(scanned.sequence()).isEqualTo(event.sequence());
            assertThat(scanned.time()).isEqualTo(event.time());
            assertThat(scanned.subject()).isEqualTo(event.subject());
            assertThat(scanned.stateDigest()).as("digest of event %d", i).isEqualTo(StateDigest.of(event));
            assertThat(inspected.get(i).json()).isEqualTo(scanned.json());
            assertThat(inspected.get(i).stateDigest()).isEqualTo(scanned.stateDigest());
            assertThat(scanned.flagged()).isFalse();
        }
        return decoded;
    }

    /** The fast path's answer ({@code null}: it gave up) against the exact path's, and the scanner's against both. */
    private static void pathsAgree(byte[] json, List<ScannedEvent> fast, Supplier<List<ScannedEvent>> exactPath,
            Supplier<List<ScannedEvent>> scanner) {
        List<ScannedEvent> exact;
        try {
            exact = exactPath.get();
        } catch (EventDecodingException refused) {
            assertThat(fast).as("the fast path must give up on what the exact path refuses (%s), input %s", refused,
                    base64(json)).isNull();
            return;
        }
        if (fast != null) {
            sameEvents(fast, exact, json);
        }
        sameEvents(scanner.get(), exact, json);
    }

    private static void sameEvents(List<ScannedEvent> actual, List<ScannedEvent> expected, byte[] json) {
        assertThat(actual).as("events, input %s", base64(json)).hasSameSizeAs(expected);
        for (int i = 0; i < expected.size(); i++) {
            ScannedEvent a = actual.get(i);
            ScannedEvent e = expected.get(i);
            String what = "event " + i + ", input " + base64(json);
            assertThat(a.toString()).as(what).isEqualTo(e.toString());
            assertThat(a.type()).as(what).isEqualTo(e.type());
            assertThat(a.id()).as(what).isEqualTo(e.id());
            assertThat(a.cluster()).as(what).isEqualTo(e.cluster());
            assertThat(a.workerId()).as(what).isEqualTo(e.workerId());
            assertThat(a.epoch()).as(what).isEqualTo(e.epoch());
            assertThat(a.sequence()).as(what).isEqualTo(e.sequence());
            assertThat(a.time()).as(what).isEqualTo(e.time());
            assertThat(a.subject()).as(what).isEqualTo(e.subject());
            assertThat(a.offset()).as(what).isEqualTo(e.offset());
            assertThat(a.length()).as(what).isEqualTo(e.length());
            assertThat(a.json()).as(what).isEqualTo(e.json());
            assertThat(a.stateDigest()).as(what).isEqualTo(e.stateDigest());
            assertThat(a.flagged()).as("flagged, " + what).isEqualTo(e.flagged());
        }
    }

    private static Throwable outcome(Function<byte[], List<ScannedEvent>> scanner, byte[] json) {
        try {
            scanner.apply(json);
            return null;
        } catch (Throwable failure) {
            return failure;
        }
    }

    static String base64(byte[] json) {
        return json.length > 4096 ? "(" + json.length + " bytes)" : Base64.getEncoder().encodeToString(json);
    }
}
