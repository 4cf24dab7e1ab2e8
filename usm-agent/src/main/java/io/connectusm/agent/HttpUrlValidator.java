package io.connectusm.agent;

import java.net.URI;
import java.net.URISyntaxException;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;

/** Validates an absolute http(s) URL; its {@code toString()} tells the accepted format. Stateless. */
final class HttpUrlValidator implements ConfigDef.Validator {

    @Override
    public void ensureValid(String name, Object value) {
        if (value == null) {
            return;
        }
        try {
            URI uri = new URI(value.toString());
            if (uri.getHost() == null || !("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()))) {
                throw new ConfigException(name, value, "expected " + this);
            }
        } catch (URISyntaxException e) {
            throw new ConfigException(name, value, "expected " + this);
        }
    }

    @Override
    public String toString() {
        return "an absolute URL, https://host[:port]";
    }
}
