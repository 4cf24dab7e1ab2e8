package io.connectusm.events;

import java.util.Objects;

/**
 * Input that is not a valid event or batch of the wire contract. Thrown by {@link EventCodec}'s decode
 * methods, and by nothing else there: whatever the bytes, decoding returns events or throws this.
 *
 * <p>{@link #field()} names the place at fault as a path from the document root, such as
 * {@code [3].data.tasks[0].state} in a batch, {@code data.config["database.password"]} in a single event, or
 * {@code $} for the document itself. {@link #kind()} tells a receiver how to answer: {@code 400} for
 * {@link Kind#MALFORMED}, {@code 413} for {@link Kind#LIMIT_EXCEEDED}.
 *
 * <p>The message names the field and what was expected; it never repeats a value from the input, since a
 * value may be a secret that an emitter failed to mask, and it carries no cause for the same reason (parser
 * messages quote the input). Immutable; safe to share.
 */
public class EventDecodingException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** What is wrong with the input, coarse enough to choose an HTTP status. */
    public enum Kind {
        /** Not JSON, not a CloudEvent, or not the contract: a client error ({@code 400}). */
        MALFORMED,
        /** Valid so far, but over one of the {@link EventLimits}: {@code 413}. */
        LIMIT_EXCEEDED
    }

    private final Kind kind;
    private final String field;

    /**
     * @param kind    what is wrong
     * @param field   the path of the field at fault ({@code $} for the whole document)
     * @param problem what was expected there; must not contain a value taken from the input
     */
    public EventDecodingException(Kind kind, String field, String problem) {
        super(field + ": " + problem);
        this.kind = Objects.requireNonNull(kind, "kind");
        this.field = Objects.requireNonNull(field, "field");
    }

    EventDecodingException(Kind kind, FieldPath field, String problem) {
        this(kind, field.toString(), problem);
    }

    static EventDecodingException malformed(FieldPath field, String problem) {
        return new EventDecodingException(Kind.MALFORMED, field, problem);
    }

    static EventDecodingException limitExceeded(FieldPath field, String problem) {
        return new EventDecodingException(Kind.LIMIT_EXCEEDED, field, problem);
    }

    /** Whether the input is malformed or over a limit. */
    public Kind kind() {
        return kind;
    }

    /** The path of the field at fault, e.g. {@code [3].data.tasks[0].state}; {@code $} for the document. */
    public String field() {
        return field;
    }
}
