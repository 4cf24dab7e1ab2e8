package io.connectusm.extension;

/**
 * Registers the REST change filter of one JAX-RS namespace on the worker's {@code Configurable}. Each adapter
 * has one ({@link JakartaConnectorChangeFilter.Registrar}, {@link JavaxConnectorChangeFilter.Registrar});
 * {@link JaxRsNamespace} loads the one the worker speaks by name, so the adapter of the other namespace, whose
 * API is absent from the worker, is never loaded.
 *
 * <p>Implementations are stateless and have a public no-argument constructor.
 */
interface ChangeFilterRegistrar {

    /**
     * @param configurable what {@code ConnectRestExtensionContext.configurable()} returned: a
     *                     {@code Configurable} of this registrar's namespace
     * @param interpreter  the core the filter hands every answered call to
     */
    void register(Object configurable, RestChangeInterpreter interpreter);
}
