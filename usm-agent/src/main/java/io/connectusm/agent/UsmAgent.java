package io.connectusm.agent;

import io.connectusm.agent.control.ControlPlane;
import io.connectusm.agent.forward.ForwardMetrics;
import io.connectusm.agent.forward.Forwarder;
import io.connectusm.agent.ingest.AgentChannelInitializer;
import io.connectusm.agent.ingest.DataPlaneSettings;
import io.connectusm.agent.ingest.EventRouter;
import io.connectusm.agent.ingest.InFlightRequests;
import io.connectusm.agent.ingest.IngestMetrics;
import io.connectusm.agent.ingest.SecondLineScrubber;
import io.connectusm.agent.registration.ClusterActivity;
import io.connectusm.agent.registration.RegistrationMap;
import io.connectusm.agent.registration.RegistrationMetrics;
import io.connectusm.agent.registration.RegistrationRefresher;
import io.connectusm.agent.spool.Spool;
import io.connectusm.agent.spool.SpoolMetrics;
import io.connectusm.agent.tls.ReloadingSslContext;
import io.connectusm.agent.tls.TlsContextFactory;
import io.connectusm.agent.tls.TlsMetrics;
import io.connectusm.agent.tls.TlsSettings;
import io.connectusm.api.UsmApiClient;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.common.config.ConfigException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent's entry point for embedding (the {@code usm agent start} command, tests): builds the parts from the
 * config, wires them together and starts them, each start step pushing its stop step, so that a failed start
 * stops what had started and {@link RunningAgent#close()} stops in the reverse order. See
 * {@code docs/usm-agent.md} and {@code docs/architecture.md}.
 *
 * <p>Stateless; {@link #start(AgentConfig)} may be called more than once with different ports and spool
 * directories. Each call returns a {@link RunningAgent} that owns what it started.
 */
public final class UsmAgent {

    private static final Logger LOG = LoggerFactory.getLogger(UsmAgent.class);

    private UsmAgent() {
    }

    /**
     * Starts an agent: opens the spool, loads TLS material and registrations, binds the data and control
     * planes, starts the forwarder. Returns once both listeners are bound.
     *
     * @throws Exception when something cannot start (bad TLS files, unreadable spool directory, port in
     *                   use); whatever had started is stopped again
     */
    public static RunningAgent start(AgentConfig config) throws Exception {
        return start(config, AgentRuntime.system());
    }

    /** {@link #start(AgentConfig)} with an injected clock, ticker and commit observer (tests). */
    static RunningAgent start(AgentConfig config, AgentRuntime runtime) throws Exception {
        Deque<AutoCloseable> steps = new ArrayDeque<>();
        try {
            return startAll(config, runtime, steps);
        } catch (Exception | Error e) {
            RunningAgent.runSteps(steps);
            throw e;
        }
    }

    private static RunningAgent startAll(AgentConfig config, AgentRuntime runtime, Deque<AutoCloseable> steps)
            throws Exception {
        PrometheusRegistry metrics = new PrometheusRegistry();
        RegistrationMap registrations = new RegistrationMap();
        ClusterActivity activity = new ClusterActivity(runtime.clock());
        DataPlaneSettings dataPlane = config.dataPlane();
        Duration shutdownTimeout = config.duration(AgentConfig.SHUTDOWN_TIMEOUT_CONFIG);

        EventLoopGroup acceptors = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        EventLoopGroup workers = new MultiThreadIoEventLoopGroup(0, NioIoHandler.newFactory());
        steps.addFirst(() -> {
            acceptors.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
            workers.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
        });

        AtomicReference<Forwarder> forwarderRef = new AtomicReference<>();
        SpoolMetrics spoolMetrics = new SpoolMetrics(metrics);
        Spool spool = Spool.open(config.spool(), spoolMetrics, () -> {
            Forwarder forwarder = forwarderRef.get();
            if (forwarder != null) {
                forwarder.wake();
            }
            runtime.afterCommit().run();
        }, runtime.clock());
        steps.addFirst(spool);
        spoolMetrics.observe(spool);

        // Two threads: a registrations pull waiting on a slow endpoint must not delay a TLS reload check.
        ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2, runnable -> {
            Thread thread = new Thread(runnable, "usm-agent-scheduler");
            thread.setDaemon(true);
            return thread;
        });
        steps.addFirst(scheduler::shutdownNow);

        TlsSettings tlsSettings = config.tls();
        TlsMetrics tlsMetrics = new TlsMetrics(metrics);
        ReloadingSslContext tls = ReloadingSslContext.start(tlsSettings, tlsMetrics, scheduler);
        steps.addFirst(tls);
        tlsMetrics.observe(tls);

        UsmApiClient api = config.endpointClient();
        Path cacheFile = config.spool().directory().resolve(RegistrationRefresher.CACHE_FILE);
        RegistrationRefresher refresher = new RegistrationRefresher(registrations, config.registrationsFile(),
                cacheFile, api, config.endpointEnvironment(), activity, spool, new RegistrationMetrics(metrics, registrations), config.agentId(),
                runtime.clock());
        try {
            refresher.loadLocal();
        } catch (IOException e) {
            throw new ConfigException(AgentConfig.REGISTRATIONS_FILE_CONFIG + ": " + e.getMessage());
        }
        refresher.start(scheduler, config.duration(AgentConfig.REGISTRATIONS_REFRESH_CONFIG));
        steps.addFirst(refresher);

        // Registered with or without an endpoint, so /metrics has the same series in every agent.
        ForwardMetrics forwardMetrics = new ForwardMetrics(metrics);
        if (api != null) {
            Forwarder forwarder = new Forwarder(spool, api, registrations, refresher::refreshSoon, forwardMetrics,
                    config.forward(), runtime.ticker());
            forwarderRef.set(forwarder);
            forwarder.start();
            steps.addFirst(forwarder);
        }

        IngestMetrics ingestMetrics = new IngestMetrics(metrics);
        EventRouter router = new EventRouter(dataPlane, registrations, activity, spool, ingestMetrics,
                refresher::refreshSoon, runtime.clock(), new SecondLineScrubber(metrics));
        InFlightRequests inFlight = new InFlightRequests(runtime.ticker());
        AgentServer data = AgentServer.bind("data-plane", dataPlane.host(), dataPlane.port(), acceptors, workers,
                new AgentChannelInitializer(tls, dataPlane, router, inFlight, ingestMetrics, tlsMetrics));
        AutoCloseable stopData = () -> {
            data.stopAccepting();
            if (!inFlight.drain(shutdownTimeout)) {
                LOG.warn("{} requests still in flight after {}; closing their connections", inFlight.count(),
                        shutdownTimeout);
            }
            data.closeConnections(shutdownTimeout);
        };
        steps.addFirst(stopData);
        ControlPlane controlPlane = new ControlPlane(metrics, activity, registrations, spool::isWritable);
        String controlHost = config.getString(AgentConfig.CONTROL_HOST_CONFIG);
        AgentServer control = AgentServer.bind("control-plane", controlHost,
                config.getInt(AgentConfig.CONTROL_PORT_CONFIG), acceptors, workers, controlPlane.channelInitializer());
        // Stop order: the data plane drains first, then the control plane, then forwarder, refresher and spool.
        steps.removeFirstOccurrence(stopData);
        steps.addFirst(() -> {
            control.stopAccepting();
            control.closeConnections(Duration.ofSeconds(2));
        });
        steps.addFirst(stopData);

        LOG.info("usm-agent started: data plane {}:{} (TLS provider {}), control plane {}:{}", dataPlane.host(),
                data.port(), TlsContextFactory.provider(tlsSettings.provider()), controlHost, control.port());
        return new RunningAgent(data.port(), control.port(), steps);
    }
}
