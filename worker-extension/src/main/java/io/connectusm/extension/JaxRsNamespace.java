package io.connectusm.extension;

/**
 * The JAX-RS API a Connect worker's REST server speaks, told by the type its
 * {@code ConnectRestExtensionContext.configurable()} returns: {@code jakarta.ws.rs} from Kafka 4.0 (Jersey 3),
 * {@code javax.ws.rs} up to Kafka 3.9 (Jersey 2; Confluent Platform 7.9). The worker provides exactly one of them;
 * the adapter of the other must never be loaded, so each constant names its registrar as a string and loads it
 * only when asked.
 *
 * <p>Immutable; thread-safe.
 */
enum JaxRsNamespace {

    JAKARTA("jakarta.ws.rs", "io.connectusm.extension.JakartaConnectorChangeFilter$Registrar"),
    JAVAX("javax.ws.rs", "io.connectusm.extension.JavaxConnectorChangeFilter$Registrar");

    private final String packageName;
    private final String registrarClass;

    JaxRsNamespace(String packageName, String registrarClass) {
        this.packageName = packageName;
        this.registrarClass = registrarClass;
    }

    /**
     * The namespace of a {@code Configurable} type.
     *
     * @throws WorkerApiMismatchException if it is neither {@code jakarta.ws.rs.core.Configurable} nor
     *                                    {@code javax.ws.rs.core.Configurable}
     */
    static JaxRsNamespace ofConfigurable(Class<?> configurableType) {
        for (JaxRsNamespace namespace : values()) {
            if (configurableType.getName().equals(namespace.packageName + ".core.Configurable")) {
                return namespace;
            }
        }
        throw new WorkerApiMismatchException("ConnectRestExtensionContext.configurable() returns "
                + configurableType.getName() + ", neither jakarta.ws.rs.core.Configurable (Kafka 4.x) nor "
                + "javax.ws.rs.core.Configurable (Kafka 3.9)");
    }

    /** {@code jakarta.ws.rs} or {@code javax.ws.rs}. */
    String packageName() {
        return packageName;
    }

    /** Loads (only now) the adapter of this namespace. */
    ChangeFilterRegistrar registrar() {
        try {
            return (ChangeFilterRegistrar) Class.forName(registrarClass, true, JaxRsNamespace.class.getClassLoader())
                    .getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("the plugin lacks its own class " + registrarClass, e);
        }
    }
}
