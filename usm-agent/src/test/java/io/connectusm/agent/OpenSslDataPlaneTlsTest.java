package io.connectusm.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.connectusm.agent.tls.TlsContextFactory;
import io.connectusm.agent.tls.TlsSettings;
import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.OpenSslContext;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslProvider;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@link DataPlaneTlsTest} on BoringSSL ({@code ssl.provider=openssl}, netty-tcnative-boringssl-static).
 * Skipped where netty-tcnative cannot load (the agent bundles only its linux-x86_64 library), except with
 * {@code -Drequire.openssl=true}: then it fails.
 */
class OpenSslDataPlaneTlsTest extends DataPlaneTlsTest {

    @Override
    String provider() {
        return "openssl";
    }

    /** Set by CI ({@code .ci/run}): there, BoringSSL must load, and a skip would hide that it does not. */
    static final String REQUIRE_OPENSSL = "require.openssl";

    @BeforeAll
    @Override
    void start() throws Exception {
        Supplier<String> why = () -> "netty-tcnative (BoringSSL) does not load on " + System.getProperty("os.name")
                + "/" + System.getProperty("os.arch") + "; the agent bundles only the linux-x86_64 native library, "
                + "other platforms use the JDK provider: " + OpenSsl.unavailabilityCause();
        if (Boolean.getBoolean(REQUIRE_OPENSSL)) {
            assertThat(OpenSsl.isAvailable()).as("-D%s=true: %s", REQUIRE_OPENSSL, why.get()).isTrue();
        }
        assumeTrue(OpenSsl.isAvailable(), why);
        super.start();
    }

    @Test
    void runsOnBoringSslAndAutoPicksIt() throws Exception {
        TlsSettings settings = AgentConfigLoader.of(config(dir), Map.of()).tls();
        SslContext context = TlsContextFactory.serverContext(settings);
        try {
            assertThat(context).isInstanceOf(OpenSslContext.class);
        } finally {
            io.netty.util.ReferenceCountUtil.release(context);
        }
        assertThat(OpenSsl.versionString().toLowerCase(Locale.ROOT)).contains("boringssl");
        assertThat(TlsContextFactory.provider(TlsSettings.Provider.AUTO)).isEqualTo(SslProvider.OPENSSL);
    }
}
