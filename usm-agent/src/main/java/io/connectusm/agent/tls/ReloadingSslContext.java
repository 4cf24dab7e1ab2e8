package io.connectusm.agent.tls;

import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import java.io.IOException;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The data plane's current server TLS context, rebuilt when the keystore or truststore file changes (hot
 * rotation): each new connection takes {@link #current()}, so new files serve new connections within one
 * check interval and open connections are not disturbed. New files that do not load keep the last good
 * context and count {@code usm_agent_tls_reload_failures_total}; the next check tries again. Each connection's
 * {@link SslHandler} comes from {@link #newHandler}, with the handshake deadline.
 *
 * <p>Thread-safe: the context is a volatile reference, checks run on the scheduler. Lifecycle:
 * {@link #start}, {@link #close()} stops checking.
 */
public final class ReloadingSslContext implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ReloadingSslContext.class);

    private final TlsSettings settings;
    private final TlsMetrics metrics;
    private volatile SslContext current;
    private volatile boolean lastReloadFailed;
    private byte[] loadedStamp;
    private byte[] failedStamp;
    private ScheduledFuture<?> checks;

    private ReloadingSslContext(TlsSettings settings, TlsMetrics metrics) {
        this.settings = settings;
        this.metrics = metrics;
    }

    /**
     * Loads the stores (failing start-up if they do not load) and checks them every
     * {@link TlsSettings#reloadInterval()} on {@code scheduler}.
     */
    public static ReloadingSslContext start(TlsSettings settings, TlsMetrics metrics, ScheduledExecutorService scheduler)
            throws GeneralSecurityException, IOException {
        ReloadingSslContext context = new ReloadingSslContext(settings, metrics);
        context.loadedStamp = context.stamp();
        context.current = TlsContextFactory.serverContext(settings);
        long interval = settings.reloadInterval().toMillis();
        context.checks = scheduler.scheduleWithFixedDelay(context::check, interval, interval, TimeUnit.MILLISECONDS);
        return context;
    }

    /** The context new connections use. */
    public SslContext current() {
        return current;
    }

    /** A TLS handler for a new connection: the current context, the configured handshake deadline. */
    public SslHandler newHandler(ByteBufAllocator allocator) {
        SslHandler handler = current.newHandler(allocator);
        handler.setHandshakeTimeoutMillis(settings.handshakeTimeout().toMillis());
        return handler;
    }

    /** Whether the last attempt to load changed files failed (1 on the error gauge). */
    public boolean lastReloadFailed() {
        return lastReloadFailed;
    }

    /** Checks the files now; called on the scheduler, and by tests. */
    public synchronized void check() {
        byte[] stamp;
        try {
            stamp = stamp();
        } catch (IOException e) {
            noteFailure(null, e);
            return;
        }
        if (Arrays.equals(stamp, loadedStamp)) {
            return;
        }
        try {
            current = TlsContextFactory.serverContext(settings);
            loadedStamp = stamp;
            failedStamp = null;
            lastReloadFailed = false;
            metrics.reloads.inc();
            LOG.info("TLS keystore/truststore changed; new connections use the new files");
        } catch (GeneralSecurityException | IOException | RuntimeException e) {
            noteFailure(stamp, e);
        }
    }

    private void noteFailure(byte[] stamp, Exception e) {
        lastReloadFailed = true;
        if (stamp == null || !Arrays.equals(stamp, failedStamp)) {
            // Count each broken version of the files once, though every check retries it.
            metrics.reloadFailures.inc();
            LOG.error("changed TLS files {} / {} cannot be used ({}: {}); keeping the previous ones",
                    settings.keystore(), settings.truststore(), e.getClass().getSimpleName(), e.getMessage());
        }
        failedStamp = stamp;
    }

    /** A digest of both store files' bytes: changes of content, not of timestamps, trigger a reload. */
    private byte[] stamp() throws IOException {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(Files.readAllBytes(settings.keystore()));
            digest.update((byte) 0);
            digest.update(Files.readAllBytes(settings.truststore()));
            return digest.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    @Override
    public void close() {
        if (checks != null) {
            checks.cancel(false);
        }
    }
}
