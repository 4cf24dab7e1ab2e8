package io.connectusm.extension;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.connector.ConnectRecord;
import org.apache.kafka.connect.transforms.Transformation;

import java.util.Map;

/**
 * A test transform (identity) with a PASSWORD key whose name no sensitive-name pattern matches, so only its
 * declared type can get it masked.
 */
public class SecretHoldingTransform<R extends ConnectRecord<R>> implements Transformation<R> {

    static final String SIGNING_MATERIAL = "signing.material";
    static final String LABEL = "label";

    @Override
    public R apply(R record) {
        return record;
    }

    @Override
    public ConfigDef config() {
        return new ConfigDef()
                .define(SIGNING_MATERIAL, ConfigDef.Type.PASSWORD, null, ConfigDef.Importance.HIGH, "a secret")
                .define(LABEL, ConfigDef.Type.STRING, "", ConfigDef.Importance.LOW, "not a secret");
    }

    @Override
    public void close() {
    }

    @Override
    public void configure(Map<String, ?> configs) {
    }
}
