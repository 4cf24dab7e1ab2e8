package io.connectusm.cli.registration;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

import io.connectusm.api.UsmApiClient;
import io.connectusm.api.UsmApiException;
import io.connectusm.cli.output.ApiFailures;
import io.connectusm.cli.output.ResourceIds;
import io.connectusm.cli.output.Terminal;
import io.connectusm.cli.output.TypedName;
import io.connectusm.cli.output.UsmCliException;
import io.connectusm.cli.output.Wording;
import picocli.CommandLine.Option;

/**
 * {@code usm <kind> deregister <id-1> [id-2] … [id-n] [--force]} (alias {@code delete}) for any
 * {@link UsmResource}, as Confluent's {@code deletion} package does it: every ID's prefix is checked (a usage
 * error), every ID must exist before anything is asked ({@code … "a" and "b" not found} with the suggestion to
 * list them), then {@code Are you sure you want to deregister USM Connect clusters "a" and "b"? (y/n): } unless
 * forced, then each is deleted and {@code Deregistered USM Connect clusters "a" and "b".} printed for those that
 * were, with an error for each that was not. Prompt and result echo the verb typed ({@code delete} →
 * {@code Deleted}); a {@code n} says that nothing was done. A subclass per kind is the picocli command: it carries
 * the {@code @Command} and the IDs parameter. One instance per command run.
 *
 * @param <T> the client's record of the kind
 */
public abstract class ResourceDeregisterCommand<T> extends ResourceCommand<T> {

    @Option(names = "--environment", defaultValue = "${env:USM_ENVIRONMENT}", paramLabel = "ENV",
            description = "Environment the clusters must be in (optional).")
    String environment;

    @Option(names = "--force", description = "Skip the deletion confirmation prompt.")
    boolean force;

    /** Where the answer to the question comes from; tests replace it. */
    Terminal terminal = Terminal.system();

    protected ResourceDeregisterCommand(UsmResource<T> resource) {
        super(resource);
    }

    /** The IDs to deregister, from the subclass's positional parameter. */
    protected abstract List<String> ids();

    /**
     * Why the endpoint refused to delete {@code id} (409), in the user's terms; the endpoint's message by default.
     * A kind whose refusals name other resources (a Kafka cluster's Connect clusters) looks them up here.
     */
    protected String refusal(UsmApiClient client, String id, String environment, UsmApiException refused) {
        return refused.getMessage();
    }

    @Override
    final String run() {
        List<String> ids = ids();
        ResourceIds.requireAll(ids, resource.idPrefix());
        String env = environment == null || environment.isBlank() ? null : environment;
        UsmApiClient client = connection.client();
        List<String> missing = new ArrayList<>();
        for (String id : ids) {
            if (!exists(client, id, env)) {
                missing.add(id);
            }
        }
        if (!missing.isEmpty()) {
            throw notFound(missing);
        }
        String verb = TypedName.of(spec);
        PrintWriter out = spec.commandLine().getOut();
        String kinds = Wording.count(resource.kind(), ids.size());
        if (!force && !terminal.confirm(out, "Are you sure you want to " + verb + " " + kinds + " "
                + Wording.quotedList(ids) + "?")) {
            return "Nothing " + Wording.pastTense(verb).toLowerCase(java.util.Locale.ROOT) + ".\n";
        }
        List<String> done = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        for (String id : ids) {
            try {
                resource.deleter().delete(client, id, env);
                done.add(id);
            } catch (UsmApiException e) {
                String why = e.isConflict() ? refusal(client, id, env, e) : ApiFailures.explain(e).getMessage();
                failures.add("failed to " + verb + " " + id + ": " + why);
            }
        }
        if (!done.isEmpty()) {
            out.print(Wording.pastTense(verb) + " " + Wording.count(resource.kind(), done.size()) + " "
                    + Wording.quotedList(done) + ".\n");
            out.flush();
        }
        if (failures.size() == 1) {
            throw new UsmCliException(failures.get(0));
        }
        if (failures.size() > 1) {
            throw new UsmCliException(failures.size() + " errors occurred:\n\t* " + String.join("\n\t* ", failures));
        }
        return "";
    }

    private boolean exists(UsmApiClient client, String id, String env) {
        try {
            resource.getter().get(client, id, env);
            return true;
        } catch (UsmApiException e) {
            if (e.isNotFound()) {
                return false;
            }
            throw e;
        }
    }
}
