package io.connectusm.agent;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent's entry point for embedding (the {@code usm agent start} command, tests): wires the parts
 * together and starts them. See {@code docs/usm-agent.md}.
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
        Clock clock = runtime.clock();
        AgentMetrics metrics = new AgentMetrics();
        RegistrationMap registrations = new RegistrationMap();
        ClusterActivity activity = new ClusterActivity(clock);
        DataPlaneSettings dataPlane = config.dataPlane();
        EndpointSettings endpoint = config.endpoint();
        Duration shutdownTimeout = config.duration(AgentConfig.SHUTDOWN_TIMEOUT_CONFIG);

        EventLoopGroup acceptors = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        EventLoopGroup workers = new MultiThreadIoEventLoopGroup(0, NioIoHandler.newFactory());
        steps.addFirst(() -> {
            acceptors.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
            workers.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
        });

        AtomicReference<Forwarder> forwarderRef = new AtomicReference<>();
        Spool spool = Spool.open(config.spool(), metrics, () -> {
            Forwarder forwarder = forwarderRef.get();
            if (forwarder != null) {
                forwarder.wake();
            }
            runtime.afterCommit().run();
        }, clock);
        steps.addFirst(spool);

        // Two threads: a registrations pull waiting on a slow endpoint must not delay a TLS reload check.
        ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2, runnable -> {
            Thread thread = new Thread(runnable, "usm-agent-scheduler");
            thread.setDaemon(true);
            return thread;
        });
        steps.addFirst(scheduler::shutdownNow);

        TlsSettings tlsSettings = config.tls();
        ReloadingSslContext tls = ReloadingSslContext.start(tlsSettings, metrics, scheduler);
        steps.addFirst(tls);

        UsmApiClient api = endpoint == null ? null : new UsmApiClient(endpoint);
        Path cacheFile = config.spool().directory().resolve(RegistrationRefresher.CACHE_FILE);
        RegistrationRefresher refresher = new RegistrationRefresher(registrations, config.registrationsFile(), cacheFile,
                api, endpoint == null ? null : endpoint.environment(), activity, spool, metrics, config.agentId(), clock);
        refresher.loadLocal();
        refresher.start(scheduler, config.duration(AgentConfig.REGISTRATIONS_REFRESH_CONFIG));
        steps.addFirst(refresher);

        if (api != null) {
            Forwarder forwarder = new Forwarder(spool, api, registrations, refresher::refreshSoon, metrics, endpoint, runtime.ticker());
            forwarderRef.set(forwarder);
            forwarder.start();
            steps.addFirst(forwarder);
        }

        registerGauges(metrics, spool, registrations, tls);
        EventRouter router = new EventRouter(new IdentityPolicy(dataPlane.identityMode()), registrations, activity, spool,
                metrics, dataPlane.maxEventsPerBatch(), dataPlane.retryAfterSeconds(), refresher::refreshSoon,
                config.duration(AgentConfig.MAX_EVENT_FUTURE_CONFIG), clock);
        InFlightRequests inFlight = new InFlightRequests(runtime.ticker());
        AgentServer data = AgentServer.bind("data-plane", dataPlane.host(), dataPlane.port(), acceptors, workers,
                new AgentChannelInitializer(tls, tlsSettings, dataPlane,
                        new PeerConnectionLimiter(dataPlane.maxConnectionsPerPeer(),
                                config.getInt(AgentConfig.MAX_PENDING_HANDSHAKES_PER_PEER_CONFIG), metrics), router,
                        inFlight, metrics));
        steps.addFirst(() -> {
            data.stopAccepting();
            if (!inFlight.drain(shutdownTimeout)) {
                LOG.warn("{} requests still in flight after {}; closing their connections", inFlight.count(),
                        shutdownTimeout);
            }
            data.closeConnections(shutdownTimeout);
        });
        ControlPlane controlPlane = new ControlPlane(metrics, activity, registrations, spool::isWritable);
        AgentServer control = AgentServer.bind("control-plane", config.getString(AgentConfig.CONTROL_HOST_CONFIG),
                config.getInt(AgentConfig.CONTROL_PORT_CONFIG), acceptors, workers,
                new ControlChannelInitializer(new ControlPlaneHandler(controlPlane)));
        // The control plane stops right after the data plane drained, before forwarder and spool.
        AutoCloseable dataStop = steps.pollFirst();
        steps.addFirst(() -> {
            control.stopAccepting();
            control.closeConnections(Duration.ofSeconds(2));
        });
        steps.addFirst(dataStop);

        LOG.info("usm-agent started: data plane {}:{} (TLS provider {}), control plane {}:{}", dataPlane.host(),
                data.port(), TlsContextFactory.provider(tlsSettings.provider()), config.getString(
                        AgentConfig.CONTROL_HOST_CONFIG), control.port());
        return new RunningAgent(data.port(), control.port(), steps);
    }

    private static void registerGauges(AgentMetrics metrics, Spool spool, RegistrationMap registrations,
            ReloadingSslContext tls) {
        metrics.gauge("usm_agent_spool_entries", "Spool keys (cluster, connector) with pending events.",
                spool::pendingKeys);
        metrics.gauge("usm_agent_spool_events", "Pending events in the spool.", spool::pendingEvents);
        metrics.gauge("usm_agent_spool_bytes", "Encoded bytes of pending events in the spool.", spool::pendingBytes);
        metrics.gauge("usm_agent_registrations", "Registered Connect clusters known.", registrations::size);
        metrics.gauge("usm_agent_tls_reload_error", "1 while changed TLS files cannot be loaded, else 0.",
                () -> tls.lastReloadFailed() ? 1 : 0);
    }
}
