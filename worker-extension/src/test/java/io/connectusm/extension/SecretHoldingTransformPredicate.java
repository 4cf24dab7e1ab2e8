package io.connectusm.extension;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.connector.ConnectRecord;
import org.apache.kafka.connect.transforms.predicates.Predicate;

import java.util.Map;

/** A test predicate (always true) with a PASSWORD key no name pattern matches. */
public class SecretHoldingTransformPredicate<R extends ConnectRecord<R>> implements Predicate<R> {

    @Override
    public ConfigDef config() {
        return new ConfigDef().define(SecretHoldingTransform.SIGNING_MATERIAL, ConfigDef.Type.PASSWORD, null,
                ConfigDef.Importance.HIGH, "a secret");
    }

    @Override
    public boolean test(R record) {
        return true;
    }

    @Override
    public void close() {
    }

    @Override
    public void configure(Map<String, ?> configs) {
    }
}
