package dev.aqueduct.cli;

import dev.aqueduct.keys.CreatedKey;
import dev.aqueduct.keys.KeyListing;
import dev.aqueduct.keys.KeyOwner;
import dev.aqueduct.keys.KeyRecord;
import dev.aqueduct.keys.KeyScope;
import dev.aqueduct.keys.Revocation;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Creates, lists and revokes inference keys. */
@Command(
        name = "keys",
        mixinStandardHelpOptions = true,
        description = "Creates, lists and revokes API keys.",
        subcommands = {KeysCommand.Create.class, KeysCommand.ListKeys.class, KeysCommand.Revoke.class})
final class KeysCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return 0;
    }

    @Command(name = "create", mixinStandardHelpOptions = true,
            description = "Creates an inference key for a user and prints it, once.")
    static final class Create implements Callable<Integer> {
        @Spec
        private CommandSpec spec;

        @Mixin
        private ConfigOption config;

        @Option(names = "--user", required = true, paramLabel = "ADDRESS", description = "The owner's email address.")
        private String user = "";

        @Option(names = "--name", paramLabel = "NAME", defaultValue = "default",
                description = "A name to tell the key apart (default: ${DEFAULT-VALUE}).")
        private String name = "default";

        @Option(names = "--expires", paramLabel = "WHEN", converter = TimeArguments.Expiry.class,
                description = "When the key stops working: " + TimeArguments.FORMS
                        + " (the start of that day, UTC). Default: never.")
        private @Nullable Instant expires;

        @Option(names = "--org", paramLabel = "NAME",
                description = "The organization the key is for; needed only when the user belongs to several.")
        private @Nullable String org;

        @Override
        public Integer call() {
            CreatedKey created;
            try (LocalStore store = LocalStore.open(config)) {
                KeyOwner owner = store.identity().keyOwner(user, org);
                created = store.keys().create(owner, name, KeyScope.INFERENCE, expires);
            }
            KeyRecord key = created.key();
            PrintWriter out = spec.commandLine().getOut();
            out.println("Created key " + key.id() + " '" + key.name() + "' for " + user.strip().toLowerCase(Locale.ROOT)
                    + ", "
                    + (key.expiresAt() == null ? "no expiry" : "expires " + TimeArguments.format(key.expiresAt()))
                    + ".");
            out.println("The key is shown only this once; store it now:");
            out.println(created.secret());
            out.flush();
            return 0;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Lists keys, never their secrets.")
    static final class ListKeys implements Callable<Integer> {
        @Spec
        private CommandSpec spec;

        @Mixin
        private ConfigOption config;

        @Option(names = "--user", paramLabel = "ADDRESS", description = "Only this user's keys.")
        private @Nullable String user;

        @Override
        public Integer call() {
            List<KeyListing> keys;
            Instant now;
            try (LocalStore store = LocalStore.open(config)) {
                String userId = user == null ? null : store.identity().requireUser(user).id();
                keys = store.keys().listWithOwners(userId);
                now = store.clock().instant();
            }
            PrintWriter out = spec.commandLine().getOut();
            if (keys.isEmpty()) {
                out.println(user == null ? "No keys yet." : "No keys for " + user.strip()
                        + "; create one with: aqueduct keys create --user " + user.strip());
                out.flush();
            } else {
                table(keys, now).print(out);
            }
            return 0;
        }

        private static Table table(List<KeyListing> keys, Instant now) {
            Table table = new Table("ID", "PREFIX", "NAME", "OWNER", "SCOPE", "CREATED", "EXPIRES", "LAST USED",
                    "STATE");
            for (KeyListing listing : keys) {
                KeyRecord key = listing.key();
                table.row(key.id(), key.prefix(), key.name(), listing.owner(),
                        key.scope().name().toLowerCase(Locale.ROOT), TimeArguments.format(key.createdAt()),
                        TimeArguments.format(key.expiresAt()), TimeArguments.format(key.lastUsedAt()),
                        key.stateAt(now).label());
            }
            return table;
        }
    }

    @Command(name = "revoke", mixinStandardHelpOptions = true,
            description = "Revokes a key at once. Revoking a revoked key changes nothing.")
    static final class Revoke implements Callable<Integer> {
        @Spec
        private CommandSpec spec;

        @Mixin
        private ConfigOption config;

        @Parameters(paramLabel = "ID_OR_PREFIX", description = "The key's id or visible prefix, as keys list shows.")
        private String key = "";

        @Override
        public Integer call() {
            Revocation revocation;
            try (LocalStore store = LocalStore.open(config)) {
                revocation = store.keys().revoke(key);
            }
            KeyRecord revoked = revocation.key();
            String which = "Key " + revoked.id() + " (" + revoked.prefix() + ", '" + revoked.name() + "')";
            PrintWriter out = spec.commandLine().getOut();
            out.println(revocation.alreadyRevoked()
                    ? which + " was already revoked at " + TimeArguments.format(revoked.revokedAt()) + "."
                    : which + " is revoked.");
            out.flush();
            return 0;
        }
    }
}
