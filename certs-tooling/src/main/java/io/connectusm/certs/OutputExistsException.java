package io.connectusm.certs;

import java.nio.file.Path;

/**
 * An output directory that already holds files, refused because the caller asked for
 * {@link WriteMode#FAIL_IF_EXISTS}.
 *
 * <p>Immutable and thread-safe.
 */
public final class OutputExistsException extends CertificateFileException {
    private static final long serialVersionUID = 1L;

    OutputExistsException(Path directory) {
        // Says "--force" because people meet this through the usm command; in code it is WriteMode.OVERWRITE.
        super(directory, directory + " already exists and is not empty; refusing to overwrite the certificates in it"
                + " (use --force to replace them)");
    }
}
