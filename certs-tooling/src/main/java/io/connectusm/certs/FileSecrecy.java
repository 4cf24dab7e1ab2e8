package io.connectusm.certs;

import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/** Who may read a written file: anyone (certificates), or only its owner (keys, key stores, passwords). */
enum FileSecrecy {
    /** {@code rw-r--r--}: certificates and trust stores are public by nature. */
    PUBLIC(PosixFilePermissions.fromString("rw-r--r--")),
    /** {@code rw-------}: whoever reads it can impersonate the certificate's owner. */
    SECRET(PosixFilePermissions.fromString("rw-------"));

    private final Set<PosixFilePermission> permissions;

    FileSecrecy(Set<PosixFilePermission> permissions) {
        this.permissions = permissions;
    }

    Set<PosixFilePermission> permissions() {
        return permissions;
    }
}
