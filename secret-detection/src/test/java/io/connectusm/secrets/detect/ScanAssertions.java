package io.connectusm.secrets.detect;

import java.util.List;
import java.util.stream.Collectors;

/** What a scan found, as {@code kind:text} strings, for readable assertions on detector behaviour. */
final class ScanAssertions {

    private ScanAssertions() {
    }

    static List<String> found(String text, CredentialScanner.Mode mode) {
        return CredentialScanner.instance().scan(text, mode, false).stream()
                .map(f -> f.kind().code() + ":" + text.substring(f.start(), f.end()))
                .collect(Collectors.toList());
    }

    static List<String> inValue(String text) {
        return found(text, CredentialScanner.Mode.VALUE);
    }

    static List<String> inText(String text) {
        return found(text, CredentialScanner.Mode.TEXT);
    }
}
