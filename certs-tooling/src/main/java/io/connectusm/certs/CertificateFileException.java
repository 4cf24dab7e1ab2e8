package io.connectusm.certs;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A certificate, key, store or password file that cannot be read or written: missing, unreadable, malformed,
 * or protected by another password.
 *
 * <p>The message names the file and says what is wrong with it; it never contains a password or key material,
 * so it is safe to print and to log. Unchecked because callers (a CLI, a test) can only report it.
 *
 * <p>Immutable and thread-safe. Open for extension only by the more specific errors of this package, such as
 * {@link OutputExistsException}.
 */
public class CertificateFileException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient Path file;

    /** Creates an exception about {@code file}; {@code message} must already name the file. */
    public CertificateFileException(Path file, String message) {
        super(message);
        this.file = Objects.requireNonNull(file, "file");
    }

    /** Creates an exception about {@code file} caused by {@code cause}; {@code message} must already name the file. */
    public CertificateFileException(Path file, String message, Throwable cause) {
        super(message, cause);
        this.file = Objects.requireNonNull(file, "file");
    }

    /** The file (or directory) at fault. */
    public Path file() {
        return file;
    }
}
