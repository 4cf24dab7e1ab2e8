package io.connectusm.cli.login;

import java.io.PrintWriter;

import io.connectusm.cli.output.ResourceIds;
import io.connectusm.cli.output.Terminal;

/**
 * The deregister flow shared by {@code usm kafka deregister} and {@code usm connect deregister}: check the ID
 * prefix, ask {@code Are you sure you want to deregister <kind> "<id>"? (y/n): } unless forced, delete, and
 * say {@code Deregistered <kind> "<id>".}. Stateless.
 */
public final class Deregistration {

    private Deregistration() {
    }

    /**
     * @param kind           e.g. {@code USM Connect cluster}
     * @param collectionPath e.g. {@code /usm/v1/connect-clusters}
     * @return the text to print; empty when the user declined
     */
    public static String run(ConnectionOptions connection, Terminal terminal, PrintWriter out, String kind,
                             String prefix, String collectionPath, String id, String environment, boolean force) {
        ResourceIds.require(id, prefix);
        UsmApiClient client = connection.client();
        if (!force && !terminal.confirm(out, "Are you sure you want to deregister " + kind + " \"" + id + "\"?")) {
            return "";
        }
        String query = environment == null || environment.isBlank() ? ""
                : "?environment=" + UsmApiClient.encode(environment);
        client.delete(collectionPath + "/" + id + query);
        return "Deregistered " + kind + " \"" + id + "\".\n";
    }
}
