package io.connectusm.endpoint;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * One endpoint replica as a process, for tests that kill one: {@code ReplicaMain endpoint.properties} starts the
 * endpoint (environment overrides and references as {@code usm endpoint start} reads them), prints
 * {@value #STARTED} and its base URL, and serves until SIGTERM (clean stop) or SIGKILL.
 */
public final class ReplicaMain {

    public static final String STARTED = "usm-endpoint replica started:";

    private ReplicaMain() {
    }

    public static void main(String[] args) throws Exception {
        UsmEndpoint endpoint = UsmEndpoint.start(EndpointConfigLoader.load(Path.of(args[0]), System.getenv()));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            endpoint.close();
            stopped.countDown();
        }));
        System.out.println(STARTED + " " + endpoint.baseUrl());
        System.out.flush();
        stopped.await();
    }
}
