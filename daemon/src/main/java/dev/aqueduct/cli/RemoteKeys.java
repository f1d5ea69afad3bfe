package dev.aqueduct.cli;

import dev.aqueduct.common.admin.CreateKey;
import dev.aqueduct.common.admin.CreatedKey;
import dev.aqueduct.common.admin.Key;
import dev.aqueduct.common.admin.Scope;
import dev.aqueduct.common.admin.TransferKey;
import dev.aqueduct.common.admin.UpdateKey;
import dev.aqueduct.common.client.AdminClient;
import dev.aqueduct.common.client.AdminRequest;
import dev.aqueduct.common.client.AdminRequests;
import dev.aqueduct.common.client.KeyFilter;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The {@code keys} commands that call the admin API. */
final class RemoteKeys {
    /** What {@code keys create} asks for; the owner is a user (id or email) or a service account, or the caller. */
    record NewKey(String name, @Nullable Scope scope, @Nullable Instant expires, @Nullable String user,
            @Nullable String serviceAccount) {
    }

    private RemoteKeys() {
    }

    static int create(RemoteOptions remote, Answers answers, NewKey key) {
        try (AdminClient client = remote.connect()) {
            String userId = key.user() == null ? null : Lookups.userId(client, key.user());
            showSecret(client, answers, AdminRequests.createKey(new CreateKey(key.name(), key.scope(),
                    key.expires(), userId, key.serviceAccount())), "Created");
        }
        return 0;
    }

    static int list(RemoteOptions remote, Answers answers, ListOptions paging, @Nullable String user,
            KeyFilter filter) {
        try (AdminClient client = remote.connect()) {
            String userId = user == null ? null : Lookups.userId(client, user);
            KeyFilter filters = new KeyFilter(userId, filter.serviceAccountId(), filter.teamId(), filter.orgId());
            answers.list(client, AdminRequests.keys(filters), paging, RemoteKeys::table, "No keys.");
        }
        return 0;
    }

    static int revoke(RemoteOptions remote, Answers answers, String key) {
        try (AdminClient client = remote.connect()) {
            answers.one(client, AdminRequests.revokeKey(Lookups.keyId(client, key)), RemoteKeys::details);
        }
        return 0;
    }

    /** Prints a new secret: in a table with the warning that it is shown once, or in the JSON answer. */
    private static void showSecret(AdminClient client, Answers answers, AdminRequest<CreatedKey> request,
            String verb) {
        if (answers.json()) {
            answers.print(client.sendForJson(request));
            return;
        }
        CreatedKey created = client.send(request);
        Key key = created.key();
        answers.line(verb + " key " + key.id() + " '" + key.name() + "' (" + key.scope().value() + ") for "
                + owner(key) + ", " + (key.expiresAt() == null ? "no expiry"
                        : "expires " + TimeArguments.format(key.expiresAt())) + ".");
        answers.line("The key is shown only this once; store it now:");
        answers.line(created.secret());
    }

    static Details details(Key key) {
        return new Details().add("id", key.id()).add("name", key.name()).add("prefix", key.prefix())
                .add("scope", key.scope().value()).add("owner", owner(key)).add("organization", key.orgId())
                .add("team", key.teamId()).add("created", TimeArguments.format(key.createdAt()))
                .add("expires", TimeArguments.format(key.expiresAt()))
                .add("last used", TimeArguments.format(key.lastUsedAt()))
                .add("revoked", TimeArguments.format(key.revokedAt()));
    }

    static Table table(List<Key> keys) {
        Table table = new Table("ID", "PREFIX", "NAME", "OWNER", "SCOPE", "CREATED", "EXPIRES", "LAST USED", "STATE");
        Instant now = Instant.now();
        keys.forEach(key -> table.row(key.id(), key.prefix(), key.name(), owner(key), key.scope().value(),
                TimeArguments.format(key.createdAt()), TimeArguments.format(key.expiresAt()),
                TimeArguments.format(key.lastUsedAt()), state(key, now)));
        return table;
    }

    private static String owner(Key key) {
        String name = key.owner().name() == null ? key.owner().id() : key.owner().name();
        return switch (key.owner().type()) {
            case USER -> name;
            case SERVICE_ACCOUNT -> name + " (service account)";
        };
    }

    private static String state(Key key, Instant now) {
        if (key.revokedAt() != null) {
            return "revoked";
        }
        return key.expiresAt() != null && !key.expiresAt().isAfter(now) ? "expired" : "active";
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "Shows one key, through the admin API.")
    static final class Show extends RemoteCommand {
        @Parameters(paramLabel = "ID_OR_PREFIX", description = "The key's id or visible prefix.")
        private String key = "";

        @Override
        void run(AdminClient client, Answers answers) {
            answers.one(client, AdminRequests.key(Lookups.keyId(client, key)), RemoteKeys::details);
        }
    }

    @Command(name = "update", mixinStandardHelpOptions = true,
            description = "Renames a key or changes when it expires, through the admin API.")
    static final class Update extends RemoteCommand {
        @Parameters(paramLabel = "ID_OR_PREFIX", description = "The key's id or visible prefix.")
        private String key = "";

        @Option(names = "--name", paramLabel = "NAME", description = "The new name.")
        private @Nullable String name;

        @Option(names = "--expires", paramLabel = "WHEN", converter = TimeArguments.Expiry.class,
                description = "When the key stops working: " + TimeArguments.FORMS + " (the start of that day, UTC).")
        private @Nullable Instant expires;

        @Override
        void run(AdminClient client, Answers answers) {
            answers.one(client, AdminRequests.updateKey(Lookups.keyId(client, key), new UpdateKey(name, expires)),
                    RemoteKeys::details);
        }
    }

    @Command(name = "regenerate", mixinStandardHelpOptions = true,
            description = "Replaces a key's secret through the admin API: prints the new one, once; the old one"
                    + " stops working at once.")
    static final class Regenerate extends RemoteCommand {
        @Parameters(paramLabel = "ID_OR_PREFIX", description = "The key's id or visible prefix.")
        private String key = "";

        @Override
        void run(AdminClient client, Answers answers) {
            showSecret(client, answers, AdminRequests.regenerateKey(Lookups.keyId(client, key)), "Regenerated");
        }
    }

    @Command(name = "transfer", mixinStandardHelpOptions = true,
            description = "Gives a person's inference key to another user of its organization, through the admin API:"
                    + " prints its new secret, once; the old one stops working at once.")
    static final class Transfer extends RemoteCommand {
        @Parameters(paramLabel = "ID_OR_PREFIX", description = "The key's id or visible prefix.")
        private String key = "";

        @Option(names = "--user", required = true, paramLabel = "USER", description = "The new owner's id or email.")
        private String user = "";

        @Override
        void run(AdminClient client, Answers answers) {
            TransferKey body = new TransferKey(Lookups.userId(client, user));
            showSecret(client, answers, AdminRequests.transferKey(Lookups.keyId(client, key), body), "Transferred");
        }
    }

    /** Reads {@code --scope}; an unknown scope is a command-line mistake. */
    static final class ScopeConverter implements CommandLine.ITypeConverter<Scope> {
        @Override
        public Scope convert(String value) {
            try {
                return Scope.parse(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }
}
