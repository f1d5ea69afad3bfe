package dev.aqueduct.cli;

import dev.aqueduct.common.admin.AuditEntry;
import dev.aqueduct.common.client.AdminClient;
import dev.aqueduct.common.client.AdminRequests;
import java.util.List;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The audit log, through the admin API: every change made through it, newest first. */
@Command(name = "audit", mixinStandardHelpOptions = true,
        description = "Shows the audit log: who changed what through the admin API, and when.",
        subcommands = {AuditCommand.ListEntries.class})
final class AuditCommand extends GroupCommand {
    static Table table(List<AuditEntry> entries) {
        Table table = new Table("TIME", "ACTOR", "ACTION", "OBJECT", "ORGANIZATION", "CHANGES");
        for (AuditEntry entry : entries) {
            String actor = entry.actorUserId() != null ? entry.actorUserId() : String.valueOf(entry.actorKeyId());
            table.row(TimeArguments.format(entry.time()), actor, entry.action(),
                    entry.objectType() + " " + entry.objectId(), entry.orgId() == null ? "-" : entry.orgId(),
                    entry.changes().toString());
        }
        return table;
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Lists audit entries, newest first.")
    static final class ListEntries extends RemoteCommand {
        @Option(names = "--org", paramLabel = "ORG_ID", description = "Only changes in this organization.")
        private @Nullable String org;

        @Option(names = "--actor", paramLabel = "USER_ID", description = "Only changes this person made.")
        private @Nullable String actor;

        @Mixin
        private ListOptions paging;

        @Override
        void run(AdminClient client, Answers answers) {
            answers.list(client, AdminRequests.audit(org, actor), paging, AuditCommand::table, "No audit entries.");
        }
    }
}
