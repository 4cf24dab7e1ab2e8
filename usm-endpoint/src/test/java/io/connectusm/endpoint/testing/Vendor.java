package io.connectusm.endpoint.testing;

/** The databases the endpoint runs on, as the tests that run on each of them name them. */
public enum Vendor {
    H2("H2"), POSTGRESQL("PostgreSQL");

    private final String label;

    Vendor(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
