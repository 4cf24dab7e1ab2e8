package io.connectusm.certs;

/**
 * What to do when an output directory already holds files.
 *
 * <p>Key material is never replaced by accident: a certificate that is replaced under a running agent or worker
 * breaks its next handshake, so replacing must be asked for ({@code --force} on the command line).
 */
public enum WriteMode {
    /** Refuse to write into a directory that exists and is not empty ({@link OutputExistsException}). */
    FAIL_IF_EXISTS,
    /** Replace the files this tool writes, each atomically; other files in the directory are left alone. */
    OVERWRITE
}
