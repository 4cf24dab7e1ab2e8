package io.connectusm.certs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;

/** Asserts that a secret appears nowhere in what a failure would print: messages, causes, stack traces. */
public final class SecretAssertions {
    private SecretAssertions() {
    }

    /** Fails when any of {@code secrets} occurs in the printed stack trace of {@code failure} (causes included). */
    public static void assertMentionsNoSecret(Throwable failure, char[]... secrets) {
        StringWriter printed = new StringWriter();
        failure.printStackTrace(new PrintWriter(printed));
        for (char[] secret : secrets) {
            assertThat(secret).as("a secret to look for").isNotEmpty();
            assertThat(printed.toString()).as("printed failure").doesNotContain(new String(secret));
        }
    }
}
