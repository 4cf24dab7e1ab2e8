package io.connectusm.secrets;

import io.connectusm.secrets.keys.KnownKeys;

import java.util.Collection;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * The keys that loaded {@code ConfigDef}s declare for one connector config, with their prefixes: the connector
 * class's (prefix {@code ""}), each transform's ({@code transforms.<alias>.}), predicate's
 * ({@code predicates.<alias>.}) and converter's ({@code key.converter.} …). Which of them are PASSWORD-typed
 * drives the {@link MaskReason#TYPE type} layer; all of them drive the {@link MaskingPolicy#STRICT strict} policy.
 *
 * <p>A key is PASSWORD-typed if it, or its suffix after <em>any</em> dot, is a PASSWORD key declared here or
 * known without loading anything: those of the Kafka client definitions (producer, consumer, admin, SSL, SASL),
 * of the Schema Registry client and of Confluent components. So {@code source.cluster.ssl.keystore.key},
 * {@code target.producer.sasl.jaas.config}, {@code producer.override.ssl.key.password} and
 * {@code value.converter.schema.registry.basic.auth.user.info} are all typed. Names compare ignoring case.
 *
 * <p>Immutable; thread-safe. Build with {@link #builder()} (or {@link ConfigDefKeys} from a Kafka
 * {@code ConfigDef}).
 */
public final class DeclaredKeys {

    private static final DeclaredKeys NONE = new DeclaredKeys(Set.of(), Set.of());

    private final Set<String> passwordKeys;
    private final Set<String> declaredKeys;

    private DeclaredKeys(Set<String> passwordKeys, Set<String> declaredKeys) {
        this.passwordKeys = passwordKeys;
        this.declaredKeys = declaredKeys;
    }

    /** Nothing loaded: only the known client, Schema Registry and Connect keys count. */
    public static DeclaredKeys none() {
        return NONE;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Whether {@code key}, or its suffix after any dot, is a declared or known PASSWORD key. */
    public boolean isPasswordTyped(String key) {
        return isPasswordTypedLowerCase(key.toLowerCase(Locale.ROOT));
    }

    /**
     * Whether a loaded ConfigDef declares {@code key}: declared here, PASSWORD-typed, a key of the Connect framework,
     * or a Kafka client key (alone or as the suffix after any dot, e.g. {@code producer.override.acks}).
     */
    public boolean isDeclared(String key) {
        return isDeclaredLowerCase(key.toLowerCase(Locale.ROOT));
    }

    boolean isPasswordTypedLowerCase(String key) {
        Set<String> known = KnownKeys.passwordKeys();
        int from = 0;
        while (true) {
            String suffix = from == 0 ? key : key.substring(from);
            if (passwordKeys.contains(suffix) || known.contains(suffix)) {
                return true;
            }
            int dot = key.indexOf('.', from);
            if (dot < 0) {
                return false;
            }
            from = dot + 1;
        }
    }

    boolean isDeclaredLowerCase(String key) {
        if (declaredKeys.contains(key) || KnownKeys.isConnectFrameworkKey(key) || isPasswordTypedLowerCase(key)) {
            return true;
        }
        Set<String> client = KnownKeys.clientKeys();
        int from = 0;
        while (true) {
            if (client.contains(from == 0 ? key : key.substring(from))) {
                return true;
            }
            int dot = key.indexOf('.', from);
            if (dot < 0) {
                return false;
            }
            from = dot + 1;
        }
    }

    @Override
    public String toString() {
        return "DeclaredKeys[" + passwordKeys.size() + " password, " + declaredKeys.size() + " declared]";
    }

    /** Builds {@link DeclaredKeys}. Not thread-safe. */
    public static final class Builder {
        private final Set<String> password = new HashSet<>();
        private final Set<String> declared = new HashSet<>();

        private Builder() {
        }

        /** Adds PASSWORD-typed keys {@code names}, each under {@code prefix} (also counted as declared). */
        public Builder passwordKeys(String prefix, Collection<String> names) {
            for (String name : names) {
                String key = (prefix + name).toLowerCase(Locale.ROOT);
                password.add(key);
                declared.add(key);
            }
            return this;
        }

        /** Adds declared keys {@code names} (of any type), each under {@code prefix}. */
        public Builder declaredKeys(String prefix, Collection<String> names) {
            for (String name : names) {
                declared.add((prefix + name).toLowerCase(Locale.ROOT));
            }
            return this;
        }

        public DeclaredKeys build() {
            return password.isEmpty() && declared.isEmpty() ? NONE
                    : new DeclaredKeys(Set.copyOf(password), Set.copyOf(declared));
        }
    }
}
