package io.connectusm.certs;

import java.nio.file.Path;

/**
 * A PKCS12 store (or the key in it) that the given password does not open. Package-private so callers see a
 * {@link CertificateFileException}; this module tells it apart from a damaged file. Immutable and thread-safe.
 */
final class StorePasswordException extends CertificateFileException {
    private static final long serialVersionUID = 1L;

    StorePasswordException(Path file, Exception cause) {
        super(file, "cannot open " + file + ": wrong password (check the password file that goes with it), or the"
                + " file is damaged", cause);
    }
}
