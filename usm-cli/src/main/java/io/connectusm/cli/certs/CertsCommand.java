package io.connectusm.cli.certs;

import picocli.CommandLine.Command;

/**
 * {@code usm certs}: the certificates of the mutual TLS between Connect workers and the usm-agent. A private CA signs
 * one server certificate for the agent and one client certificate per Connect cluster (or worker).
 *
 * <p>Only groups its subcommands; picocli creates one instance per parse.
 */
@Command(name = "certs",
        synopsisSubcommandLabel = "COMMAND",
        description = {
            "Create a private CA and issue the certificates for mutual TLS between Connect workers and the"
                + " usm-agent. Every directory written holds PKCS12 stores (keystore.p12, truststore.p12) with their"
                + " jksPassword.txt, as Connect workers read them, and the same material as PEM files for"
                + " OpenSSL-based tools.",
            ""
        },
        commandListHeading = "%nCommands:%n",
        footerHeading = "%nExample: a CA, the agent's certificate and a Connect cluster's certificate%n",
        footer = {
            "  usm certs ca --out /etc/usm/ca",
            "  usm certs issue --ca /etc/usm/ca --out /etc/usm/agent --cn usm-agent \\",
            "      --dns usm-agent.connect.svc.cluster.local --ip 127.0.0.1 --server",
            "  usm certs issue --ca /etc/usm/ca --out /etc/usm/connect \\",
            "      --cn connect-group-xyz123 --client",
            "  usm certs inspect /etc/usm/agent/keystore.p12"
        },
        subcommands = {CaCommand.class, IssueCommand.class, InspectCommand.class})
public final class CertsCommand {
}
