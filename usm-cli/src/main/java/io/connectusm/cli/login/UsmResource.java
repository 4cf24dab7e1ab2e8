package io.connectusm.cli.login;

import java.util.List;
import java.util.Objects;

import com.fasterxml.jackson.databind.JsonNode;

import io.connectusm.cli.output.Field;

/**
 * A kind of resource of the endpoint's {@code usm/v1} API as the CLI handles it: its name in messages, its ID
 * prefix, its collection path and the rows it prints. The register, list, describe and deregister commands of
 * every kind ({@link ResourceRegisterCommand} and its siblings) run one flow over one of these, so the kinds
 * differ only in this data. Immutable and thread-safe.
 *
 * @param kind           e.g. {@code USM Connect cluster}, as in {@code Deregistered USM Connect cluster "<id>".}
 * @param idPrefix       e.g. {@code usmcc-}; IDs without it are refused before any request
 * @param collectionPath e.g. {@code /usm/v1/connect-clusters}
 * @param columns        the rows of the describe table and the columns of the list table, in printed order
 */
public record UsmResource(String kind, String idPrefix, String collectionPath, List<Column> columns) {

    public UsmResource {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(idPrefix, "idPrefix");
        Objects.requireNonNull(collectionPath, "collectionPath");
        columns = List.copyOf(columns);
    }

    /** The column labels, which head the list table even when it is empty. */
    public List<String> labels() {
        return columns.stream().map(Column::label).toList();
    }

    /** How {@code item}, one resource as the API returns it, prints. */
    public List<Field> fields(JsonNode item) {
        return columns.stream().map(c -> new Field(c.label(), c.jsonKey(), item.at(c.pointer()).asText())).toList();
    }

    /**
     * One printed property.
     *
     * @param label   the human label, e.g. {@code Confluent Platform Connect Cluster}
     * @param jsonKey the key in JSON and YAML output, e.g. {@code confluent_platform_connect_cluster}
     * @param pointer where the value is in the API's JSON, e.g. {@code /environment/id}; missing prints as empty
     */
    public record Column(String label, String jsonKey, String pointer) {

        public Column {
            Objects.requireNonNull(label, "label");
            Objects.requireNonNull(jsonKey, "jsonKey");
            Objects.requireNonNull(pointer, "pointer");
        }
    }
}
