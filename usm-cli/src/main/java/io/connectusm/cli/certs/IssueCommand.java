package io.connectusm.cli.certs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;

import io.connectusm.certs.CertificateAuthority;
import io.connectusm.certs.CertificateFileException;
import io.connectusm.certs.IssuedCertificate;
import io.connectusm.certs.KeyPurpose;
import io.connectusm.certs.LeafFiles;
import io.connectusm.certs.LeafSpec;
import io.connectusm.certs.SubjectAlternativeName;
import io.connectusm.cli.ExitCodes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code usm certs issue}: issues a server and/or client certificate from a CA directory. One instance per parse. */
@Command(name = "issue",
        description = {
            "Issue a certificate signed by a CA made with 'usm certs ca': --server for the usm-agent, --client for"
                + " the workers of a Connect cluster, or both.",
            "",
            "Writes keystore.p12, truststore.p12 and jksPassword.txt (for the Connect workers and the agent) and"
                + " cert.pem, key.pem and ca.pem (for OpenSSL-based tools) into --out, then prints the properties"
                + " lines that use them. Passwords are never printed: the lines refer to jksPassword.txt.",
            ""
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  # the agent, reachable as usm-agent.connect.svc.cluster.local and locally",
            "  usm certs issue --ca /etc/usm/ca --out /etc/usm/agent --cn usm-agent \\",
            "      --dns usm-agent.connect.svc.cluster.local --dns localhost \\",
            "      --ip 127.0.0.1 --server",
            "",
            "  # the workers of Connect cluster connect-group-xyz123",
            "  usm certs issue --ca /etc/usm/ca --out /etc/usm/connect \\",
            "      --cn connect-group-xyz123 \\",
            "      --connect-cluster connect-group-xyz123 --client",
            "",
            "  # renew in place (each old file is replaced atomically)",
            "  usm certs issue --ca /etc/usm/ca --out /etc/usm/connect \\",
            "      --cn connect-group-xyz123 --client --force"
        },
        sortOptions = false)
final class IssueCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--ca", required = true, paramLabel = "DIR",
            description = "CA directory written by 'usm certs ca' (needs ca.pem and ca-key.pem).")
    Path caDirectory;

    @Option(names = "--out", required = true, paramLabel = "DIR",
            description = "Directory to write the certificate into; created if missing, refused if not empty (see "
                    + "--force). Must not be the CA directory.")
    Path out;

    @Option(names = "--cn", required = true, paramLabel = "NAME",
            description = "Common name: usm-agent for the agent, the Connect cluster ID (group.id) for workers. Also "
                    + "the key store alias.")
    String commonName;

    @Option(names = "--dns", paramLabel = "NAME", converter = SubjectAlternativeNameConverters.Dns.class,
            description = "A DNS name clients use to reach the server (repeatable). Clients check it: give every "
                    + "name in the workers' client.base.url.")
    List<SubjectAlternativeName> dnsNames = new ArrayList<>();

    @Option(names = "--ip", paramLabel = "ADDRESS", converter = SubjectAlternativeNameConverters.Ip.class,
            description = "An IP address clients use to reach the server (repeatable).")
    List<SubjectAlternativeName> ipAddresses = new ArrayList<>();

    @Option(names = "--uri", paramLabel = "URI", converter = SubjectAlternativeNameConverters.Uri.class,
            description = "A URI naming the holder (repeatable). For a Connect cluster use --connect-cluster: the "
                    + "agent counts only the URI urn:connect-usm:connect:CLUSTER-ID.")
    List<SubjectAlternativeName> uris = new ArrayList<>();

    @Option(names = "--connect-cluster", paramLabel = "ID",
            description = "Adds the URI SAN urn:connect-usm:connect:ID, the Connect cluster's (group.id) identity "
                    + "in the form the agent reads (repeatable).")
    List<String> connectClusters = new ArrayList<>();

    @Option(names = "--server", description = "A TLS server certificate (serverAuth): the usm-agent's.")
    boolean server;

    @Option(names = "--client", description = "A TLS client certificate (clientAuth): a Connect worker's.")
    boolean client;

    @Option(names = "--days", paramLabel = "N", defaultValue = "365", converter = DaysConverter.class,
            description = "Days the certificate is valid (default: ${DEFAULT-VALUE}).")
    long days;

    @Mixin
    KeyOptions keyOptions;

    @Override
    public Integer call() {
        Set<KeyPurpose> purposes = purposes();
        requireOutsideCaDirectory();
        LeafSpec leafSpec = leafSpec(purposes);
        CertificateAuthority ca = loadCa();
        if (server && dnsNames.isEmpty() && ipAddresses.isEmpty()) {
            spec.commandLine().getErr().println("Warning: a server certificate without --dns or --ip: clients that "
                    + "check the server's name (Connect workers do) will refuse it.");
        }
        IssuedCertificate issued = ca.issue(leafSpec);
        LeafFiles files = LeafFiles.write(out, issued, ca, keyOptions.writeMode());
        new WrittenFilesReport(spec.commandLine().getOut()).leaf(leafSpec, issued, ca, files);
        return ExitCodes.OK;
    }

    private Set<KeyPurpose> purposes() {
        Set<KeyPurpose> purposes = EnumSet.noneOf(KeyPurpose.class);
        if (server) {
            purposes.add(KeyPurpose.SERVER_AUTH);
        }
        if (client) {
            purposes.add(KeyPurpose.CLIENT_AUTH);
        }
        if (purposes.isEmpty()) {
            throw new ParameterException(spec.commandLine(), "say what the certificate is for: --server (the "
                    + "usm-agent), --client (a Connect worker), or both");
        }
        return purposes;
    }

    private LeafSpec leafSpec(Set<KeyPurpose> purposes) {
        List<SubjectAlternativeName> names = new ArrayList<>(dnsNames);
        names.addAll(ipAddresses);
        names.addAll(uris);
        connectClusters.forEach(id -> names.add(SubjectAlternativeName.connectCluster(id)));
        try {
            return LeafSpec.builder(commonName, purposes)
                    .subjectAlternativeNames(names)
                    .keyType(keyOptions.keyType())
                    .days(days)
                    .build();
        } catch (IllegalArgumentException e) {
            // The only value left unchecked by the converters is the common name.
            throw new ParameterException(spec.commandLine(), "Invalid value for option '--cn': " + e.getMessage());
        }
    }

    private CertificateAuthority loadCa() {
        try {
            return CertificateAuthority.load(caDirectory);
        } catch (CertificateFileException e) {
            throw new CertificateFileException(e.file(), "--ca " + caDirectory + ": " + e.getMessage(), e);
        }
    }

    private void requireOutsideCaDirectory() {
        // Writing here would replace the CA's own truststore.p12 and jksPassword.txt.
        Path ca = caDirectory.toAbsolutePath().normalize();
        Path target = out.toAbsolutePath().normalize();
        boolean same = ca.equals(target);
        if (!same && Files.exists(ca) && Files.exists(target)) {
            try {
                same = Files.isSameFile(ca, target);
            } catch (IOException e) {
                same = false; // cannot tell; the write itself will report what is wrong
            }
        }
        if (same) {
            throw new ParameterException(spec.commandLine(), "--out " + out + " is the CA directory: write the "
                    + "certificate into a directory of its own");
        }
    }
}
