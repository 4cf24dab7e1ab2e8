package io.connectusm.cli.registration;

import java.util.List;
import java.util.Objects;
import java.util.function.Function;

import io.connectusm.api.UsmApiClient;
import io.connectusm.cli.output.Field;

/**
 * A kind of {@code usm/v1} registration as the CLI handles it: its name in messages, its ID prefix, the client
 * calls that list, get and delete it, and the fields it prints. The verbs of every kind
 * ({@link ResourceRegisterCommand} and its siblings) run one flow over one of these, so the kinds differ only in
 * this data. Immutable and thread-safe.
 *
 * @param kind     e.g. {@code USM Connect cluster}, as in {@code Deleted USM Connect cluster "<id>".}
 * @param idPrefix e.g. {@code usmcc-}; IDs without it are refused before any request
 * @param lister   every resource of an environment
 * @param getter   one resource by ID, optionally only from one environment
 * @param deleter  deletes one by ID, optionally only from one environment
 * @param fields   how one prints, in table order
 * @param <T>      the client's record of the kind
 */
public record UsmResource<T>(String kind, String idPrefix, Lister<T> lister, Getter<T> getter, Deleter deleter,
                             Function<T, List<Field>> fields) {

    public UsmResource {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(idPrefix, "idPrefix");
    }

    /** Lists an environment. */
    @FunctionalInterface
    public interface Lister<T> {
        List<T> list(UsmApiClient client, String environment);
    }

    /** Gets one; the environment may be {@code null}. */
    @FunctionalInterface
    public interface Getter<T> {
        T get(UsmApiClient client, String id, String environment);
    }

    /** Deletes one; the environment may be {@code null}. */
    @FunctionalInterface
    public interface Deleter {
        void delete(UsmApiClient client, String id, String environment);
    }
}
