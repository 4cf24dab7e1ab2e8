package io.connectusm.extension;

import org.apache.kafka.connect.health.ConnectClusterState;
import org.apache.kafka.connect.rest.ConnectRestExtensionContext;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;

/**
 * What the worker's Connect API offers the extension, probed in {@code register()} by reflection, without a call
 * that waits for the herder: the JAX-RS namespace of its REST server and its {@code Configurable} (Kafka 3.9
 * speaks {@code javax.ws.rs}, 4.x {@code jakarta.ws.rs}: the extension must not link against either), whether its
 * {@code ConnectClusterState} implements the two methods the extension needs ({@code connectorConfig},
 * {@code clusterDetails}: default methods since Kafka 2.3 that throw unless the worker implements them), and whether
 * the {@code ConnectPlugin} interface (Kafka 4.3+) exists — without it nothing is lost: each plugin's own
 * {@code config()} gives its {@code ConfigDef} (the masking package's {@code PluginConfigDefs}).
 *
 * <p>Compared across Kafka 3.9.2, 4.0.0, 4.1.1, 4.2.0, 4.3.1 and 4.4.0 with {@code javap}: these are the only
 * differences of {@code ConnectRestExtension}, {@code ConnectRestExtensionContext}, {@code ConnectClusterState},
 * {@code ConnectorHealth}, {@code AbstractState}, {@code TaskState} and {@code ConnectClusterDetails}
 * (docs/worker-extension.md, "Supported Kafka versions"). Immutable once probed.
 */
final class WorkerConnectApi {

    static final String CONNECT_PLUGIN = "org.apache.kafka.connect.components.ConnectPlugin";

    private final JaxRsNamespace namespace;
    private final Object configurable;
    private final boolean connectPluginInterface;
    private final String kafkaVersion;

    private WorkerConnectApi(JaxRsNamespace namespace, Object configurable, boolean connectPluginInterface,
                             String kafkaVersion) {
        this.namespace = namespace;
        this.configurable = configurable;
        this.connectPluginInterface = connectPluginInterface;
        this.kafkaVersion = kafkaVersion;
    }

    /**
     * @throws WorkerApiMismatchException naming what the worker lacks
     */
    static WorkerConnectApi probe(ConnectRestExtensionContext context) {
        Method configurableMethod;
        try {
            configurableMethod = ConnectRestExtensionContext.class.getMethod("configurable");
        } catch (NoSuchMethodException e) {
            throw new WorkerApiMismatchException("ConnectRestExtensionContext has no configurable() method");
        }
        JaxRsNamespace namespace = JaxRsNamespace.ofConfigurable(configurableMethod.getReturnType());
        ConnectClusterState clusterState = context.clusterState();
        requireImplemented(clusterState, "connectorConfig", String.class);
        requireImplemented(clusterState, "clusterDetails");
        Object configurable;
        try {
            configurable = configurableMethod.invoke(context);
        } catch (IllegalAccessException e) {
            throw new WorkerApiMismatchException("ConnectRestExtensionContext.configurable() cannot be called: " + e);
        } catch (InvocationTargetException e) {
            throw new WorkerApiMismatchException("ConnectRestExtensionContext.configurable() failed: " + e.getCause());
        }
        return new WorkerConnectApi(namespace, configurable, present(CONNECT_PLUGIN), KafkaVersion.ofWorker());
    }

    JaxRsNamespace namespace() {
        return namespace;
    }

    /** The worker's JAX-RS {@code Configurable}, of {@link #namespace()}. */
    Object configurable() {
        return configurable;
    }

    /** One line for the log at INFO: what was found, and what the extension does without what is absent. */
    String describe() {
        return "Connect API of this worker (Kafka " + kafkaVersion + "): REST change filter on "
                + namespace.packageName() + "; ConnectClusterState implements connectorConfig and clusterDetails; "
                + (connectPluginInterface ? "ConnectPlugin present"
                : "no ConnectPlugin interface (Kafka < 4.3), not needed: each plugin type's own config() gives its "
                + "ConfigDef");
    }

    private static void requireImplemented(ConnectClusterState clusterState, String name, Class<?>... parameters) {
        String signature = "ConnectClusterState." + name + (parameters.length == 0 ? "()" : "(String)");
        try {
            Method method = clusterState.getClass().getMethod(name, parameters);
            if (method.getDeclaringClass() == ConnectClusterState.class) {
                throw new WorkerApiMismatchException("the worker's " + clusterState.getClass().getName()
                        + " does not implement " + signature + " (its default throws UnsupportedOperationException)");
            }
        } catch (NoSuchMethodException e) {
            throw new WorkerApiMismatchException("the worker's Connect API has no " + signature
                    + " (added in Kafka 2.3)");
        }
    }

    private static boolean present(String className) {
        try {
            Class.forName(className, false, ConnectClusterState.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }
}
