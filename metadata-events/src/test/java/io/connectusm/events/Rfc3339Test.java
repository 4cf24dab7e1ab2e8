package io.connectusm.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The fast path for timestamps never decides differently from the contract's formatter: whatever it accepts, the
 * formatter accepts with the same instant. Generated around the edges (month ends, leap days, offsets at ±18:00,
 * fraction lengths, case), then mutated character by character. Seeded.
 */
class Rfc3339Test {

    private static final String ALPHABET = "0123456789-+:.TtZz x";

    @Test
    void acceptsOnlyWhatTheFormatterAcceptsAndReadsTheSameInstant() {
        Random random = new Random(3339);
        int fast = 0;
        for (int i = 0; i < 200_000; i++) {
            String text = timestamp(random);
            if (random.nextInt(3) == 0) {
                text = mutate(text, random);
            }
            Instant quick = Rfc3339.parse(text);
            Instant slow = formatter(text);
            if (quick != null) {
                fast++;
                assertThat(slow).as("%s", text).isEqualTo(quick);
            }
        }
        assertThat(fast).as("the common forms take the fast path").isGreaterThan(80_000);
    }

    @Test
    void takesTheFormsEmittersWrite() {
        for (String text : new String[] {"2025-03-01T09:30:00.250Z", "2026-12-01T21:38:27Z", "2024-02-29T23:59:59.999999999Z",
            "0000-01-01T00:00:00Z", "9999-12-31T23:59:59+18:00", "2025-03-01t09:30:00z", "2025-03-01T09:30:00-00:00"}) {
            assertThat(Rfc3339.parse(text)).as(text).isNotNull().isEqualTo(formatter(text));
        }
        for (String text : new String[] {"2025-02-29T00:00:00Z", "2025-03-01T24:00:00Z", "2025-03-01T09:30:60Z",
            "2025-03-01T09:30Z", "2025-03-01T09:30:00.Z", "2025-03-01T09:30:00.1234567890Z", "2025-03-01T09:30:00+18:01",
            "+2025-03-01T09:30:00Z", "2025-03-01 09:30:00Z", "2025-03-01T09:30:00+0100"}) {
            assertThat(Rfc3339.parse(text)).as(text).isNull();
        }
    }

    private static Instant formatter(String text) {
        try {
            return OffsetDateTime.parse(text, NodeReader.RFC_3339).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static String timestamp(Random random) {
        int year = random.nextInt(5) == 0 ? new int[] {0, 4, 100, 400, 1900, 2000, 2024, 9999}[random.nextInt(8)]
                : random.nextInt(10_000);
        int month = 1 + random.nextInt(12);
        int day = random.nextInt(4) == 0 ? 28 + random.nextInt(4) : 1 + random.nextInt(31);
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT, "%04d-%02d-%02d%s%02d:%02d:%02d", year, month,
                day, random.nextBoolean() ? "T" : "t", random.nextInt(25), random.nextInt(61), random.nextInt(61)));
        int fraction = random.nextInt(12);
        if (fraction > 0) {
            out.append('.');
            for (int i = 1; i < fraction; i++) {
                out.append(random.nextInt(10));
            }
        }
        switch (random.nextInt(4)) {
            case 0 -> out.append(random.nextBoolean() ? 'Z' : 'z');
            case 1 -> out.append(String.format(Locale.ROOT, "%s%02d:%02d", random.nextBoolean() ? "+" : "-",
                    random.nextInt(20), random.nextInt(61)));
            case 2 -> out.append(random.nextBoolean() ? "+18:00" : "-18:00");
            default -> out.append(random.nextBoolean() ? "+00:00" : "-00:00");
        }
        return out.toString();
    }

    private static String mutate(String text, Random random) {
        StringBuilder out = new StringBuilder(text);
        int at = random.nextInt(out.length());
        switch (random.nextInt(3)) {
            case 0 -> out.setCharAt(at, ALPHABET.charAt(random.nextInt(ALPHABET.length())));
            case 1 -> out.deleteCharAt(at);
            default -> out.insert(at, ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return out.toString();
    }
}
