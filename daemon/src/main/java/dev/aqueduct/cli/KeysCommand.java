package dev.aqueduct.cli;

import dev.aqueduct.common.admin.Scope;
import dev.aqueduct.common.client.KeyFilter;
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
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * API keys: {@code create}, {@code list} and {@code revoke} work on the database or through the
 * admin API, the others through the admin API.
 */
@Command(
        name = "keys",
        mixinStandardHelpOptions = true,
        description = "Creates, lists and revokes API keys on the database (--config) or through the admin API"
                + " (--url); shows, updates, regenerates and transfers them through the admin API.",
        subcommands = {KeysCommand.Create.class, KeysCommand.ListKeys.class, RemoteKeys.Show.class,
            RemoteKeys.Update.class, KeysCommand.Revoke.class, RemoteKeys.Regenerate.class, RemoteKeys.Transfer.class})
final class KeysCommand extends GroupCommand {
    @Command(name = "create", mixinStandardHelpOptions = true,
            description = "Creates a key and prints its secret, once. On the database: a key for a user.")
    static final class Create implements Callable<Integer> {
        @Spec
        private CommandSpec spec;

        @Mixin
        private Where where;

        @Mixin
        private OutputOption output;

        @Option(names = "--user", paramLabel = "USER",
                description = "The owner: an email address; through the admin API also a user id. Through the admin"
                        + " API, without --user or --service-account, the key is yours.")
        private @Nullable String user;

        @Option(names = "--service-account", paramLabel = "ID",
                description = "Through the admin API: a service account owns the key instead of a person.")
        private @Nullable String serviceAccount;

        @Option(names = "--scope", paramLabel = "SCOPE", converter = RemoteKeys.ScopeConverter.class,
                description = "inference (default) or management. Through the admin API, a person's management key"
                        + " is made only by that person; on the database, for anyone: their first one.")
        private @Nullable Scope scope;

        @Option(names = "--name", paramLabel = "NAME", defaultValue = "default",
                description = "A name to tell the key apart (default: ${DEFAULT-VALUE}).")
        private String name = "default";

        @Option(names = "--expires", paramLabel = "WHEN", converter = TimeArguments.Expiry.class,
                description = "When the key stops working: " + TimeArguments.FORMS
                        + " (the start of that day, UTC). Default: never.")
        private @Nullable Instant expires;

        @Option(names = "--org", paramLabel = "NAME",
                description = "On the database: the organization the key is for; needed only when the user belongs"
                        + " to several.")
        private @Nullable String org;

        @Override
        public Integer call() {
            if (where.remote()) {
                if (org != null) {
                    throw new CommandLine.ParameterException(spec.commandLine(), "--org works only with --config;"
                            + " through the admin API a key belongs to its owner's organization");
                }
                return RemoteKeys.create(where.remoteOptions(), new Answers(spec, output),
                        new RemoteKeys.NewKey(name, scope, expires, user, serviceAccount));
            }
            where.refuseOnDatabase(serviceAccount != null, "--service-account");
            where.refuseOnDatabase(output.json(), "--output json");
            if (user == null) {
                throw new CommandLine.ParameterException(spec.commandLine(), "Missing --user: on the database a key"
                        + " needs its owner's email address");
            }
            CreatedKey created;
            try (LocalStore store = LocalStore.open(where.configOption())) {
                KeyOwner owner = store.identity().keyOwner(user, org);
                created = store.keys().create(owner, name, scope == Scope.MANAGEMENT ? KeyScope.MANAGEMENT
                        : KeyScope.INFERENCE, expires);
            }
            KeyRecord key = created.key();
            PrintWriter out = spec.commandLine().getOut();
            out.println("Created " + (scope == Scope.MANAGEMENT ? "management " : "") + "key " + key.id() + " '"
                    + key.name() + "' for " + user.strip().toLowerCase(Locale.ROOT)
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
        private Where where;

        @Mixin
        private OutputOption output;

        @Mixin
        private ListOptions paging;

        @Option(names = "--user", paramLabel = "USER",
                description = "Only this user's keys: an email address; through the admin API also a user id.")
        private @Nullable String user;

        @Option(names = "--service-account", paramLabel = "ID", description = "Through the admin API: only this"
                + " service account's keys.")
        private @Nullable String serviceAccount;

        @Option(names = "--team", paramLabel = "TEAM_ID", description = "Through the admin API: only this team's"
                + " service accounts' keys.")
        private @Nullable String team;

        @Option(names = "--org", paramLabel = "ORG_ID", description = "Through the admin API: only this"
                + " organization's keys.")
        private @Nullable String org;

        @Override
        public Integer call() {
            if (where.remote()) {
                return RemoteKeys.list(where.remoteOptions(), new Answers(spec, output), paging,
                        user, new KeyFilter(null, serviceAccount, team, org));
            }
            where.refuseOnDatabase(serviceAccount != null || team != null || org != null,
                    "--service-account, --team and --org");
            where.refuseOnDatabase(paging.given(), "--limit, --after and --all");
            where.refuseOnDatabase(output.json(), "--output json");
            List<KeyListing> keys;
            Instant now;
            try (LocalStore store = LocalStore.open(where.configOption())) {
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
        private Where where;

        @Mixin
        private OutputOption output;

        @Parameters(paramLabel = "ID_OR_PREFIX", description = "The key's id or visible prefix, as keys list shows.")
        private String key = "";

        @Override
        public Integer call() {
            if (where.remote()) {
                return RemoteKeys.revoke(where.remoteOptions(), new Answers(spec, output), key);
            }
            where.refuseOnDatabase(output.json(), "--output json");
            Revocation revocation;
            try (LocalStore store = LocalStore.open(where.configOption())) {
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
