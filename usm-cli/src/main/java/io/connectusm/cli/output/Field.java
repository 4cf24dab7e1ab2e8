package io.connectusm.cli.output;

import java.util.Objects;

/**
 * One printed property of a resource: its human label (table header / row label), its key in JSON and YAML
 * output, and its value. Immutable.
 *
 * @param label   e.g. {@code Confluent Platform Connect Cluster}
 * @param jsonKey e.g. {@code confluent_platform_connect_cluster}
 * @param value   the value as printed; {@code null} prints as empty / JSON null
 */
public record Field(String label, String jsonKey, String value) {

    public Field {
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(jsonKey, "jsonKey");
    }
}
