package io.connectusm.extension;

import io.connectusm.support.KeyStores;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;

import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.net.ssl.X509TrustManager;
import java.io.IOException;
import java.net.Socket;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.UnrecoverableKeyException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.Arrays;

/**
 * Builds the client {@link SSLContext} and {@link SSLParameters} used to reach the agent from the
 * {@code ssl.*} keys of {@link MetadataEventsConfig}. Reads the key and trust store files ({@link KeyStores}), so it
 * runs in {@code configure()} where a bad file or password must fail the worker's start, with a
 * {@link ConfigException} naming the key and never the password. What is ours is the trust manager that checks the
 * chain without the host name when {@code ssl.endpoint.identification.algorithm} is empty.
 *
 * <p>Stateless; thread-safe.
 */
final class TlsContextFactory {

    private TlsContextFactory() {
    }

    /** The TLS settings the sender needs. */
    static final class Tls {
        private final SSLContext context;
        private final SSLParameters parameters;

        Tls(SSLContext context, SSLParameters parameters) {
            this.context = context;
            this.parameters = parameters;
        }

        SSLContext context() {
            return context;
        }

        SSLParameters parameters() {
            return parameters;
        }
    }

    static Tls create(MetadataEventsConfig config) {
        String protocol = config.getString(MetadataEventsConfig.SSL_PROTOCOL_CONFIG);
        KeyManager[] keyManagers = keyManagers(config);
        TrustManager[] trustManagers = trustManagers(config);
        boolean verifyHostname = !config.getString(
                MetadataEventsConfig.SSL_ENDPOINT_IDENTIFICATION_ALGORITHM_CONFIG).isEmpty();
        if (!verifyHostname) {
            trustManagers = withoutHostnameCheck(trustManagers);
        }
        try {
            SSLContext context = SSLContext.getInstance(protocol);
            context.init(keyManagers, trustManagers, null);
            SSLParameters parameters = context.getDefaultSSLParameters();
            parameters.setProtocols(new String[] {protocol});
            return new Tls(context, parameters);
        } catch (GeneralSecurityException e) {
            throw new ConfigException(MetadataEventsConfig.SSL_PROTOCOL_CONFIG, protocol,
                    "the JVM cannot create a TLS context for it: " + e.getClass().getSimpleName());
        }
    }

    private static KeyManager[] keyManagers(MetadataEventsConfig config) {
        String location = config.getString(MetadataEventsConfig.SSL_KEYSTORE_LOCATION_CONFIG);
        if (location == null) {
            return null;
        }
        Password storePassword = config.getPassword(MetadataEventsConfig.SSL_KEYSTORE_PASSWORD_CONFIG);
        Password keyPassword = config.getPassword(MetadataEventsConfig.SSL_KEY_PASSWORD_CONFIG);
        KeyStore store = load(location, MetadataEventsConfig.SSL_KEYSTORE_LOCATION_CONFIG,
                config.getString(MetadataEventsConfig.SSL_KEYSTORE_TYPE_CONFIG),
                storePassword, MetadataEventsConfig.SSL_KEYSTORE_PASSWORD_CONFIG);
        char[] effectiveKeyPassword = chars(keyPassword != null ? keyPassword : storePassword);
        try {
            return KeyStores.keyManagers(store, effectiveKeyPassword);
        } catch (UnrecoverableKeyException e) {
            throw new ConfigException("Invalid value for configuration "
                    + (keyPassword != null ? MetadataEventsConfig.SSL_KEY_PASSWORD_CONFIG
                    : MetadataEventsConfig.SSL_KEYSTORE_PASSWORD_CONFIG)
                    + ": the password does not unlock the private key in " + location);
        } catch (GeneralSecurityException e) {
            throw new ConfigException(MetadataEventsConfig.SSL_KEYSTORE_LOCATION_CONFIG, location,
                    "the key store holds no usable private key: " + e.getClass().getSimpleName());
        } finally {
            wipe(effectiveKeyPassword);
        }
    }

    private static TrustManager[] trustManagers(MetadataEventsConfig config) {
        String location = config.getString(MetadataEventsConfig.SSL_TRUSTSTORE_LOCATION_CONFIG);
        try {
            return KeyStores.trustManagers(location == null ? null : load(location,
                    MetadataEventsConfig.SSL_TRUSTSTORE_LOCATION_CONFIG,
                    config.getString(MetadataEventsConfig.SSL_TRUSTSTORE_TYPE_CONFIG),
                    config.getPassword(MetadataEventsConfig.SSL_TRUSTSTORE_PASSWORD_CONFIG),
                    MetadataEventsConfig.SSL_TRUSTSTORE_PASSWORD_CONFIG));
        } catch (GeneralSecurityException e) {
            throw new ConfigException(MetadataEventsConfig.SSL_TRUSTSTORE_LOCATION_CONFIG, location,
                    "the trust store cannot be used: " + e.getClass().getSimpleName());
        }
    }

    private static KeyStore load(String location, String locationKey, String type, Password password,
                                 String passwordKey) {
        char[] chars = chars(password);
        try {
            return KeyStores.load(Path.of(location), type, chars);
        } catch (NoSuchFileException e) {
            throw new ConfigException(locationKey, location, "no such file");
        } catch (IOException e) {
            if (KeyStores.isWrongPassword(e)) {
                throw new ConfigException("Invalid value for configuration " + passwordKey
                        + ": the password does not open " + location + (password == null ? " (no password set)" : ""));
            }
            throw new ConfigException(locationKey, location, "cannot be read as a " + type + " store: "
                    + e.getClass().getSimpleName());
        } catch (GeneralSecurityException e) {
            throw new ConfigException(locationKey, location, "cannot be read as a " + type + " store: "
                    + e.getClass().getSimpleName());
        } finally {
            wipe(chars);
        }
    }

    private static char[] chars(Password password) {
        return password == null ? null : password.value().toCharArray();
    }

    private static void wipe(char[] password) {
        if (password != null) {
            Arrays.fill(password, '\0');
        }
    }

    /**
     * With {@code ssl.endpoint.identification.algorithm} empty, the chain is still verified against the trust
     * store, but not the host name: the JDK HTTP client always asks for it, and only an extended trust manager
     * that ignores the engine can skip it for this client alone (the JDK's switch is JVM-wide).
     */
    private static TrustManager[] withoutHostnameCheck(TrustManager[] managers) {
        TrustManager[] wrapped = managers.clone();
        for (int i = 0; i < wrapped.length; i++) {
            if (wrapped[i] instanceof X509TrustManager) {
                wrapped[i] = new ChainOnlyTrustManager((X509TrustManager) wrapped[i]);
            }
        }
        return wrapped;
    }

    private static final class ChainOnlyTrustManager extends X509ExtendedTrustManager {
        private final X509TrustManager delegate;

        ChainOnlyTrustManager(X509TrustManager delegate) {
            this.delegate = delegate;
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
                throws CertificateException {
            delegate.checkClientTrusted(chain, authType);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
                throws CertificateException {
            delegate.checkServerTrusted(chain, authType);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
                throws CertificateException {
            delegate.checkClientTrusted(chain, authType);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
                throws CertificateException {
            delegate.checkServerTrusted(chain, authType);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            delegate.checkClientTrusted(chain, authType);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            delegate.checkServerTrusted(chain, authType);
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return delegate.getAcceptedIssuers();
        }
    }
}
