package io.connectusm.cli.certs;

import io.connectusm.certs.KeyType;
import io.connectusm.certs.WriteMode;
import picocli.CommandLine.Option;

/**
 * The options {@code ca} and {@code issue} share: the key type, and whether existing files may be replaced.
 * A picocli mixin; one instance per parse.
 */
final class KeyOptions {
    @Option(names = "--key-type", paramLabel = "ec|rsa", defaultValue = "ec",
            description = "Key type: ec (EC P-256, the default: small and fast) or rsa (RSA 3072, where policy "
                    + "demands RSA). Signatures use SHA-256 either way.")
    KeyTypeChoice keyType;

    @Option(names = "--force",
            description = "Replace the files in a non-empty output directory (each replaced atomically). Without "
                    + "it, an existing non-empty directory is refused, so working certificates are never lost.")
    boolean force;

    KeyType keyType() {
        return keyType.keyType();
    }

    WriteMode writeMode() {
        return force ? WriteMode.OVERWRITE : WriteMode.FAIL_IF_EXISTS;
    }
}
