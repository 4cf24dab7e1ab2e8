package io.connectusm.cli.connector;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

import io.connectusm.api.ConnectorSummary;
import io.connectusm.api.UsmApiClient;
import io.connectusm.api.UsmApiException;
import io.connectusm.cli.output.Field;
import io.connectusm.cli.output.OutputFormat;
import io.connectusm.cli.output.ResultPrinter;
import io.connectusm.cli.output.UsmCliException;
import io.connectusm.cli.output.Wording;
import io.connectusm.events.ConnectorState;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code usm connect-cluster connector list --connect-cluster usmcc-… [--state FAILED[,PAUSED]]}: every connector
 * the endpoint stores for the cluster (through every page), sorted by name, optionally only those in the given
 * states.
 */
@Command(name = "list", description = "List the connectors of a Connect cluster, as the endpoint has them.",
        footerHeading = "%nExamples:%n",
        footer = {"  usm connect-cluster connector list --connect-cluster usmcc-abc123",
            "  usm connect-cluster connector list --connect-cluster usmcc-abc123 \\",
            "      --state FAILED -o json"})
final class ConnectorListCommand extends ConnectorReadCommand {

    @Option(names = "--state", split = ",", paramLabel = "STATE",
            description = "Only connectors in these states (comma-separated), e.g. FAILED or RUNNING,PAUSED.")
    List<String> states;

    @Override
    String run(UsmApiClient client, String environment) {
        Set<String> wanted = wantedStates();
        List<ConnectorSummary> connectors;
        try {
            connectors = client.connectors(connectCluster, environment);
        } catch (UsmApiException e) {
            if (e.isNotFound()) {
                throw notFound(client, null, environment, e);
            }
            throw e;
        }
        boolean human = output.format() == OutputFormat.HUMAN;
        List<List<Field>> rows = connectors.stream()
                .filter(c -> wanted.isEmpty() || wanted.contains(String.valueOf(c.state()).toUpperCase(Locale.ROOT)))
                .map(c -> human ? humanRow(c) : serializedRow(c)).toList();
        return ResultPrinter.list(output.format(), rows);
    }

    private Set<String> wantedStates() {
        Set<String> known = new TreeSet<>(Arrays.stream(ConnectorState.values()).map(Enum::name).toList());
        Set<String> wanted = new TreeSet<>();
        for (String state : states == null ? List.<String>of() : states) {
            String s = state.strip().toUpperCase(Locale.ROOT);
            if (!known.contains(s)) {
                throw UsmCliException.usage("--state " + state + " is not a connector state: use "
                        + Wording.quotedList(Arrays.stream(ConnectorState.values()).map(Enum::name).toList(), "or"));
            }
            wanted.add(s);
        }
        return wanted;
    }

    private static List<Field> humanRow(ConnectorSummary c) {
        return List.of(
                new Field("Name", "name", c.name()),
                new Field("Status", "status", c.state()),
                new Field("Type", "type", c.type()),
                new Field("Tasks", "tasks", c.tasksRunning() + "/" + c.tasksTotal() + " running"),
                new Field("Trace", "trace", c.tracePresent() ? "yes" : ""),
                new Field("Last Change", "last_change", c.lastChange() == null ? "" : c.lastChange().toString()));
    }

    private static List<Field> serializedRow(ConnectorSummary c) {
        return List.of(
                new Field("Name", "name", c.name()),
                new Field("Status", "status", c.state()),
                new Field("Type", "type", c.type()),
                Field.number("Tasks Running", "tasks_running", c.tasksRunning()),
                Field.number("Tasks", "tasks_total", c.tasksTotal()),
                Field.flag("Trace", "trace_present", c.tracePresent()),
                new Field("Last Change", "last_change", c.lastChange() == null ? null : c.lastChange().toString()));
    }
}
