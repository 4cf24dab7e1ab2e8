package io.connectusm.extension;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.storage.Converter;
import org.apache.kafka.connect.storage.StringConverter;

import java.util.Map;

/**
 * A test converter (a {@link StringConverter}) with a PASSWORD key whose name no sensitive-name pattern
 * matches, so only its declared type can get it masked.
 */
public class SecretHoldingConverter implements Converter {

    static final String REGISTRY_KEY_MATERIAL = "registry.key.material";

    private final StringConverter delegate = new StringConverter();

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        delegate.configure(configs, isKey);
    }

    @Override
    public byte[] fromConnectData(String topic, Schema schema, Object value) {
        return delegate.fromConnectData(topic, schema, value);
    }

    @Override
    public SchemaAndValue toConnectData(String topic, byte[] value) {
        return delegate.toConnectData(topic, value);
    }

    @Override
    public ConfigDef config() {
        return new ConfigDef()
                .define(REGISTRY_KEY_MATERIAL, ConfigDef.Type.PASSWORD, null, ConfigDef.Importance.HIGH, "a secret");
    }
}
