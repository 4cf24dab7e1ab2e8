package io.connectusm.cli.certs;

import io.connectusm.certs.KeyType;

/** The {@code --key-type} values: short names for the key types of certs-tooling. */
enum KeyTypeChoice {
    EC(KeyType.EC_P256),
    RSA(KeyType.RSA_3072);

    private final KeyType keyType;

    KeyTypeChoice(KeyType keyType) {
        this.keyType = keyType;
    }

    KeyType keyType() {
        return keyType;
    }
}
