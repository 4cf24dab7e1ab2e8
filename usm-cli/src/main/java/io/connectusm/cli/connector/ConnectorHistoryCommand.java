package io.connectusm.cli.connector;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.connectusm.api.ConnectorChange;
import io.connectusm.api.UsmApiClient;
import io.connectusm.api.UsmApiException;
import io.connectusm.cli.output.Field;
import io.connectusm.cli.output.OutputFormat;
import io.connectusm.cli.output.ResultPrinter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code usm connect-cluster connector history NAME --connect-cluster usmcc-…}: every real change of a connector,
 * newest first as the endpoint keeps it (through every page), with the keys of the masked configuration that
 * changed. Works for a deleted connector too, whose history the endpoint keeps.
 */
@Command(name = "history", description = "Show a connector's changes, newest first, with config diffs.",
        footerHeading = "%nExamples:%n",
        footer = {"  usm connect-cluster connector history my-connector \\",
            "      --connect-cluster usmcc-abc123"})
final class ConnectorHistoryCommand extends ConnectorReadCommand {

    @Parameters(index = "0", paramLabel = "NAME", description = "The connector's name.")
    String name;

    @Override
    String run(UsmApiClient client, String environment) {
        List<ConnectorChange> history;
        try {
            history = client.connectorHistory(connectCluster, name, environment);
        } catch (UsmApiException e) {
            if (e.isNotFound()) {
                throw notFound(client, name, environment, e);
            }
            throw e;
        }
        if (output.format() != OutputFormat.HUMAN) {
            return ResultPrinter.document(output.format(), serialized(history));
        }
        List<List<Field>> rows = new ArrayList<>();
        for (ConnectorChange h : history) {
            rows.add(List.of(new Field("Time", "time", h.time() == null ? "" : h.time().toString()),
                    new Field("Change", "change", h.change()),
                    new Field("Status", "status", h.state() == null ? "" : h.state()),
                    new Field("Config Changes", "config_changes", diff(h.configDiff()))));
        }
        return ResultPrinter.listInOrder(OutputFormat.HUMAN, rows);
    }

    /** {@code +added, -removed, changed: old -> new}, values masked as stored. */
    static String diff(List<ConnectorChange.ConfigChange> changes) {
        List<String> parts = new ArrayList<>();
        for (ConnectorChange.ConfigChange c : changes) {
            parts.add(switch (String.valueOf(c.change())) {
                case "ADDED" -> "+" + c.key();
                case "REMOVED" -> "-" + c.key();
                default -> c.key() + ": " + c.oldValue() + " -> " + c.newValue();
            });
        }
        return String.join(", ", parts);
    }

    private static ArrayNode serialized(List<ConnectorChange> history) {
        ArrayNode out = JsonNodeFactory.instance.arrayNode();
        for (ConnectorChange h : history) {
            ObjectNode entry = out.addObject();
            entry.put("time", h.time() == null ? null : h.time().toString());
            entry.put("change", h.change());
            entry.put("status", h.state());
            entry.put("config_fingerprint", h.configFingerprint());
            ArrayNode diff = entry.putArray("config_diff");
            for (ConnectorChange.ConfigChange c : h.configDiff()) {
                diff.addObject().put("key", c.key()).put("change", c.change()).put("old_value", c.oldValue())
                        .put("new_value", c.newValue());
            }
        }
        return out;
    }
}
