package io.connectusm.events;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The JSON form of one payload type, the {@code data} of its CloudEvent: the one place that names its
 * fields, used to write, to outline for bounded reading, and to read. Field names are snake_case; an
 * absent optional value is left out on write and read back as {@code null}; enums travel as their
 * constant names. Implementations are stateless and thread-safe.
 */
interface PayloadFormat {

    /** The fields this payload may carry, with the limits of its collections. */
    Shape.Fields shape();

    /** The {@code data} object of {@code payload}, which is of this format's type. */
    ObjectNode write(EventPayload payload, JsonNodeFactory nodes);

    /**
     * The payload that {@code data} describes, checked against every rule of the contract.
     *
     * @throws EventDecodingException naming the first field at fault
     */
    EventPayload read(NodeReader data);

    /** Writes an optional value: an absent one is left out rather than written as {@code null}. */
    static void putIfPresent(ObjectNode object, String name, String value) {
        if (value != null) {
            object.put(name, value);
        }
    }
}
