package io.connectusm.it.connector;

/** The version every class of this test plugin reports. */
final class Versions {

    static final String VERSION = "1.0-test";

    private Versions() {
    }
}
