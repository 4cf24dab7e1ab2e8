package io.connectusm.cli.endpoint;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.Callable;

import io.connectusm.cli.output.CommandRunner;
import io.connectusm.cli.output.UsmCliException;
import io.connectusm.endpoint.EndpointConfig;
import io.connectusm.endpoint.webhooks.WebhookConfig;
import io.connectusm.endpoint.webhooks.WebhookSender;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code usm endpoint webhook test NAME}: the endpoint's webhooks, tried from the command line. */
@Command(name = "webhook", description = "Try the endpoint's webhooks.", subcommands = WebhookCommand.Test.class)
final class WebhookCommand {

    /**
     * {@code usm endpoint webhook test NAME --config FILE}: sends one signed test delivery to the webhook
     * {@code webhook.NAME.*} of the endpoint's configuration, now and once (not through the outbox, so a running
     * endpoint is not needed), and says what the receiver answered. Errors name the webhook, never its URL (a
     * Slack-style URL is itself a credential). Exit status 1 when the receiver did not answer 2xx.
     */
    @Command(name = "test", description = "Send one signed test delivery to webhook NAME of the endpoint's "
            + "configuration and print the receiver's answer.")
    static final class Test implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Mixin
        EndpointOptions endpoint;

        @Parameters(index = "0", paramLabel = "NAME", description = "The webhook's name (webhook.NAME.url).")
        String name;

        @Override
        public Integer call() throws Exception {
            return CommandRunner.run(spec, () -> {
                EndpointConfig config = endpoint.storageConfig(System.getenv());
                Map<String, WebhookConfig> webhooks = config.webhooks();
                WebhookConfig webhook = webhooks.get(name);
                if (webhook == null) {
                    throw new UsmCliException("no webhook \"" + name + "\" in the endpoint configuration ("
                            + (webhooks.isEmpty() ? "none is configured: set webhook." + name + ".url"
                            : "configured: " + String.join(", ", webhooks.keySet())) + ")");
                }
                WebhookSender.Result result = new WebhookSender(webhook, Clock.systemUTC()).sendTest();
                if (!result.delivered()) {
                    throw new UsmCliException("webhook \"" + name + "\": test delivery failed: "
                            + (result.status() == 0 ? result.error() : "the receiver answered HTTP " + result.status()));
                }
                return "Sent a test delivery to webhook \"" + name + "\": the receiver answered HTTP "
                        + result.status() + ".\n";
            });
        }
    }
}
