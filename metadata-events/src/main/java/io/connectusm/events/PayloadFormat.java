package io.connectusm.events;

import java.io.IOException;

/**
 * The JSON form of one payload type, the {@code data} of its CloudEvent: the one place that names its
 * fields, used to write, to outline for bounded reading, and to read. Field names are snake_case; an
 * absent optional value is left out on write and read back as {@code null}; enums travel as their
 * constant names. Implementations are stateless and thread-safe.
 */
interface PayloadFormat {

    /** The fields this payload may carry, with the limits of its collections. */
    Shape.Fields shape();

    /**
     * Writes the fields of the {@code data} object of {@code payload}, which is of this format's type.
     *
     * @throws IllegalArgumentException naming the field a reader would refuse (see {@link DataWriter})
     */
    void write(EventPayload payload, DataWriter out) throws IOException;

    /**
     * The payload that {@code data} describes, checked against every rule of the contract.
     *
     * @throws EventDecodingException naming the first field at fault
     */
    EventPayload read(NodeReader data);
}
