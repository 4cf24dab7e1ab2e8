package io.connectusm.cli.connect;

import io.connectusm.api.ConnectCluster;
import io.connectusm.cli.registration.ResourceListCommand;
import picocli.CommandLine.Command;

/** {@code usm connect-cluster list [--environment <env>]}: every registered Connect cluster of an environment. */
@Command(name = "list", description = "List USM Connect clusters.",
        footerHeading = "%nExamples:%n", footer = "  usm connect-cluster list --environment env-12345")
final class ConnectListCommand extends ResourceListCommand<ConnectCluster> {

    ConnectListCommand() {
        super(ConnectClusters.RESOURCE);
    }
}
