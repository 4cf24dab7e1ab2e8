package io.connectusm.cli.endpoint;

import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

import io.connectusm.cli.output.CommandRunner;
import io.connectusm.endpoint.UsmEndpoint;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code usm endpoint start --config endpoint.properties}: serves until the process is stopped (Ctrl-C, SIGTERM). */
@Command(name = "start",
        description = "Start the USM-style endpoint; runs until stopped. Env USM_ENDPOINT_<KEY> overrides the file.")
final class EndpointStartCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    EndpointOptions options;

    @Override
    public Integer call() throws Exception {
        CountDownLatch stopped = new CountDownLatch(1);
        int rc = CommandRunner.run(spec, () -> {
            UsmEndpoint endpoint = UsmEndpoint.start(options.config(System.getenv()));
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                endpoint.close();
                stopped.countDown();
            }, "usm-endpoint-shutdown"));
            return "USM endpoint listening on " + endpoint.baseUrl() + "\n";
        });
        if (rc == 0) {
            stopped.await();
        }
        return rc;
    }
}
