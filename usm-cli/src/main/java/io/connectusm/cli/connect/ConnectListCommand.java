package io.connectusm.cli.connect;

import io.connectusm.cli.login.ResourceListCommand;
import picocli.CommandLine.Command;

/** {@code usm connect list --environment <env>}: every registered Connect cluster of an environment. */
@Command(name = "list", description = "List the USM Connect clusters of an environment.")
final class ConnectListCommand extends ResourceListCommand {

    ConnectListCommand() {
        super(ConnectClusters.RESOURCE);
    }
}
