package io.connectusm.cli.connector;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.connectusm.api.Connector;
import io.connectusm.api.ConnectorChange;
import io.connectusm.api.UsmApiClient;
import io.connectusm.api.UsmApiException;
import io.connectusm.cli.output.Field;
import io.connectusm.cli.output.OutputFormat;
import io.connectusm.cli.output.ResultPrinter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code usm connect-cluster connector describe NAME --connect-cluster usmcc-…}: in Confluent's layout of
 * {@code confluent connect cluster describe} ("Connector Details", "Task Level Details", "Configuration Details"),
 * with the masked configuration's reason per key (the endpoint's, when it names one; else {@code masked}) and the
 * connector's last change from its history.
 */
@Command(name = "describe", description = "Describe a connector: state, tasks, masked configuration, last change.",
        footerHeading = "%nExamples:%n",
        footer = {"  usm connect-cluster connector describe my-connector \\",
            "      --connect-cluster usmcc-abc123"})
final class ConnectorDescribeCommand extends ConnectorReadCommand {

    /** What the reason column says when the endpoint names none (its API lists the masked keys only today). */
    static final String MASKED = "masked";

    @Parameters(index = "0", paramLabel = "NAME", description = "The connector's name.")
    String name;

    @Override
    String run(UsmApiClient client, String environment) {
        Connector connector;
        List<ConnectorChange> history;
        try {
            connector = client.connector(connectCluster, name, environment);
            history = client.connectorHistory(connectCluster, name, environment);
        } catch (UsmApiException e) {
            if (e.isNotFound()) {
                throw notFound(client, name, environment, e);
            }
            throw e;
        }
        ConnectorChange last = history.isEmpty() ? null : history.get(0);
        return output.format() == OutputFormat.HUMAN ? human(connector, last)
                : ResultPrinter.document(output.format(), serialized(connector, last));
    }

    private static String human(Connector c, ConnectorChange last) {
        StringBuilder out = new StringBuilder("Connector Details\n");
        out.append(ResultPrinter.describe(OutputFormat.HUMAN, List.of(
                new Field("Name", "name", c.name()),
                new Field("Status", "status", c.state()),
                new Field("Type", "type", c.type()),
                new Field("Class", "class", c.connectorClass()),
                new Field("Worker", "worker", c.workerId()),
                Field.optional("Trace", "trace", firstLine(c.trace())),
                Field.optional("Topics", "topics", c.topics() == null ? null
                        : c.topics().isEmpty() ? "(none used yet)" : String.join(", ", c.topics())),
                Field.optional("Last Change", "last_change", last == null ? null : last.change()),
                new Field("Last Change At", "last_change_at", lastChangeAt(c, last)))));
        out.append("\n\nTask Level Details\n");
        List<List<Field>> tasks = new ArrayList<>();
        for (Connector.Task t : c.tasks()) {
            tasks.add(List.of(Field.number("Task", "task", t.id()), new Field("State", "state", t.state()),
                    new Field("Worker", "worker", t.workerId()), new Field("Trace", "trace", firstLine(t.trace()))));
        }
        out.append(ResultPrinter.list(OutputFormat.HUMAN, tasks));
        out.append("\n\nConfiguration Details\n");
        List<List<Field>> configs = new ArrayList<>();
        for (Map.Entry<String, String> e : c.config().entrySet()) {
            configs.add(List.of(new Field("Config", "config", e.getKey()), new Field("Value", "value", e.getValue()),
                    new Field("Masked", "masked", c.isMasked(e.getKey())
                            ? c.maskReason(e.getKey()).orElse(MASKED) : "")));
        }
        out.append(ResultPrinter.list(OutputFormat.HUMAN, configs));
        return out.toString();
    }

    private static String lastChangeAt(Connector c, ConnectorChange last) {
        if (last != null && last.time() != null) {
            return last.time().toString();
        }
        return c.lastChange() == null ? "" : c.lastChange().toString();
    }

    private static ObjectNode serialized(Connector c, ConnectorChange last) {
        ObjectNode doc = JsonNodeFactory.instance.objectNode();
        ObjectNode connector = doc.putObject("connector");
        connector.put("name", c.name());
        connector.put("status", c.state());
        connector.put("type", c.type());
        connector.put("class", c.connectorClass());
        connector.put("worker", c.workerId());
        if (c.trace() != null) {
            connector.put("trace", c.trace());
        }
        if (c.topics() != null) {
            c.topics().forEach(connector.putArray("topics")::add);
        }
        if (last != null) {
            connector.putObject("last_change").put("change", last.change())
                    .put("time", last.time() == null ? null : last.time().toString());
        }
        ArrayNode tasks = doc.putArray("tasks");
        for (Connector.Task t : c.tasks()) {
            ObjectNode task = tasks.addObject().put("task", t.id()).put("state", t.state()).put("worker", t.workerId());
            if (t.trace() != null) {
                task.put("trace", t.trace());
            }
        }
        ArrayNode configs = doc.putArray("configs");
        for (Map.Entry<String, String> e : c.config().entrySet()) {
            ObjectNode config = configs.addObject().put("config", e.getKey()).put("value", e.getValue())
                    .put("masked", c.isMasked(e.getKey()));
            if (c.isMasked(e.getKey())) {
                config.put("mask_reason", c.maskReason(e.getKey()).orElse(MASKED));
            }
        }
        return doc;
    }
}
