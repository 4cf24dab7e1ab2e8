package io.connectusm.cli.endpoint;

import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.Callable;

import io.connectusm.cli.login.ConnectionOptions;
import io.connectusm.cli.output.CommandRunner;
import io.connectusm.cli.output.Field;
import io.connectusm.cli.output.OutputOption;
import io.connectusm.cli.output.ResultPrinter;
import io.connectusm.cli.output.UsmCliException;
import io.connectusm.endpoint.api.InputRules;
import io.connectusm.endpoint.auth.ApiKeyCredentials;
import io.connectusm.endpoint.auth.ApiRole;
import io.connectusm.endpoint.auth.KeyScope;
import io.connectusm.endpoint.http.UsmApiException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code usm endpoint api-key create|list|delete}: through the running endpoint's API with the usual connection
 * options, or on its database directly ({@code --config}/{@code --data-dir}) to bootstrap the first admin key
 * while it is stopped; {@link ApiKeyManagers} picks which.
 */
@Command(name = "api-key", description = "Manage the endpoint's API keys (through the running endpoint, or its "
        + "database with --config/--data-dir while it is stopped).",
        subcommands = {ApiKeyCommand.Create.class, ApiKeyCommand.ListKeys.class, ApiKeyCommand.Delete.class})
final class ApiKeyCommand {

    private ApiKeyCommand() {
    }

    /**
     * What every {@code api-key} verb shares: the endpoint to reach, or its database to open, and the error
     * handling of {@link CommandRunner}. Subclasses are the picocli commands. One instance per command run.
     */
    abstract static class KeysCommand implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Mixin
        EndpointOptions database;
        @Mixin
        ConnectionOptions connection;

        @Override
        public final Integer call() throws Exception {
            return CommandRunner.run(spec, this::run);
        }

        /** The command's body; returns the text to print. */
        abstract String run();

        /** The keys, through the running endpoint or its database; close it. */
        final ApiKeyManager openKeys() {
            return ApiKeyManagers.open(database, connection, System.getenv());
        }
    }

    /**
     * {@code api-key create --role admin|agent|viewer [--environment ENV [--connect-cluster ID]...]}: prints the key
     * and the secret, once. An agent key with {@code --environment} may only write for that environment (and the
     * listed local Connect clusters).
     */
    @Command(name = "create",
            description = "Create an API key; the secret is printed once and stored only as a salted hash.")
    static final class Create extends KeysCommand {
        @Mixin
        OutputOption output;
        @Option(names = "--role", required = true, paramLabel = "ROLE", description = "admin, agent or viewer (read "
                + "only).")
        String role;
        @Option(names = "--environment", paramLabel = "ENV", description = "Agent keys: the only environment the key "
                + "may send events and sightings for.")
        String environment;
        @Option(names = "--connect-cluster", paramLabel = "ID", description = "Agent keys with --environment: a local "
                + "Connect cluster ID it may send for (repeat for several; default: all of the environment).")
        List<String> connectClusters = List.of();
        @Option(names = "--description", defaultValue = "", paramLabel = "TEXT", description = "What the key is for.")
        String description;

        @Override
        String run() {
            ApiRole parsed;
            try {
                parsed = ApiRole.parse(role);
            } catch (IllegalArgumentException e) {
                throw new UsmCliException(e.getMessage());
            }
            if (environment == null && !connectClusters.isEmpty()) {
                throw new UsmCliException("--connect-cluster needs --environment");
            }
            KeyScope scope;
            try {
                scope = environment == null ? KeyScope.UNSCOPED : KeyScope.of(InputRules.environment(environment),
                        connectClusters.stream().map(id -> InputRules.localId("--connect-cluster", id)).toList());
            } catch (UsmApiException e) {
                throw new UsmCliException(e.getMessage());
            }
            try (ApiKeyManager keys = openKeys()) {
                ApiKeyCredentials created = keys.create(parsed, description, scope);
                List<Field> fields = List.of(new Field("API Key", "api_key", created.key()),
                        new Field("API Secret", "api_secret", created.secret()),
                        new Field("Role", "role", created.role().label()));
                String printed = ResultPrinter.describe(output.format(), fields);
                return switch (output.format()) {
                    case HUMAN -> "Save the API key and secret. The secret is not retrievable later.\n" + printed;
                    default -> printed;
                };
            }
        }
    }

    /** {@code api-key list}: keys, roles, descriptions; never secrets. */
    @Command(name = "list", description = "List API keys (never their secrets).")
    static final class ListKeys extends KeysCommand {
        @Mixin
        OutputOption output;

        @Override
        String run() {
            try (ApiKeyManager keys = openKeys()) {
                List<List<Field>> items = keys.list().stream().map(k -> List.of(
                        new Field("Key", "key", k.key()),
                        new Field("Role", "role", k.role().label()),
                        new Field("Description", "description", k.description()),
                        new Field("Created", "created_at", k.createdAt().truncatedTo(ChronoUnit.SECONDS).toString())))
                        .toList();
                return ResultPrinter.list(output.format(), items);
            }
        }
    }

    /** {@code api-key delete <key>}: requests with it fail from now on. */
    @Command(name = "delete", description = "Delete an API key (the endpoint refuses to delete its last admin key).")
    static final class Delete extends KeysCommand {
        @Parameters(index = "0", paramLabel = "KEY")
        String key;

        @Override
        String run() {
            try (ApiKeyManager keys = openKeys()) {
                keys.delete(key);
                return "Deleted API key \"" + key + "\".\n";
            }
        }
    }
}
