package io.connectusm.secrets;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * A section of a file under {@code docs/} between {@code <!-- name:begin -->} and {@code <!-- name:end -->} that a
 * test generates: checked against what the code says, rewritten instead with {@code -Dupdate.docs=true}. Nothing
 * outside the markers is touched.
 */
public final class GeneratedDocs {

    private GeneratedDocs() {
    }

    public static void check(String file, String section, String content) throws IOException {
        Path path = Path.of(System.getProperty("docs.dir", "../docs")).resolve(file);
        String text = Files.readString(path, StandardCharsets.UTF_8);
        String begin = "<!-- " + section + ":begin -->";
        String end = "<!-- " + section + ":end -->";
        int from = text.indexOf(begin);
        int to = text.indexOf(end);
        assertThat(from).as("%s has the marker %s", file, begin).isNotNegative();
        assertThat(to).as("%s has the marker %s after the begin marker", file, end).isGreaterThan(from);
        String wanted = "\n" + content.strip() + "\n";
        String current = text.substring(from + begin.length(), to);
        if (current.equals(wanted)) {
            return;
        }
        if (Boolean.getBoolean("update.docs")) {
            Files.writeString(path, text.substring(0, from + begin.length()) + wanted + text.substring(to),
                    StandardCharsets.UTF_8);
            return;
        }
        fail("docs/" + file + ", section " + section + ", is out of date. Regenerate it: mvn -pl secret-detection "
                + "-am test -Dtest=" + callerTest() + " -Dsurefire.failIfNoSpecifiedTests=false -Dupdate.docs=true");
    }

    private static String callerTest() {
        for (StackTraceElement frame : new Throwable().getStackTrace()) {
            if (frame.getClassName().endsWith("Test")) {
                return frame.getClassName().substring(frame.getClassName().lastIndexOf('.') + 1);
            }
        }
        return "<the test>";
    }
}
