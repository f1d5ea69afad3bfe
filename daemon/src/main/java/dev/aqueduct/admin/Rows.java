package dev.aqueduct.admin;

import dev.aqueduct.common.admin.Key;
import dev.aqueduct.common.admin.Organization;
import dev.aqueduct.common.admin.Owner;
import dev.aqueduct.common.admin.OwnerType;
import dev.aqueduct.common.admin.Scope;
import dev.aqueduct.common.admin.ServiceAccount;
import dev.aqueduct.common.admin.Team;
import dev.aqueduct.common.admin.TeamMember;
import dev.aqueduct.store.Columns;
import java.util.Locale;
import org.jdbi.v3.core.mapper.RowMapper;

/** The SELECT lists of the admin API's objects and the mappers from their rows to the API records. */
final class Rows {
    static final String ORG = "SELECT o.id, o.name, o.created_at FROM organizations o";
    static final String TEAM = "SELECT t.id, t.org_id, t.name, t.created_at FROM teams t";
    static final String SERVICE_ACCOUNT = "SELECT s.id, s.team_id, t.org_id, s.name, s.created_at"
            + " FROM service_accounts s JOIN teams t ON t.id = s.team_id";
    static final String MEMBER = "SELECT m.team_id, m.user_id, u.email, u.name, m.team_admin"
            + " FROM team_members m JOIN users u ON u.id = m.user_id";
    static final String KEY = "SELECT k.id, k.name, k.prefix, k.scope, k.org_id, k.team_id, k.user_id,"
            + " k.service_account_id, u.email AS user_email, s.name AS account_name, k.created_at, k.expires_at,"
            + " k.last_used_at, k.revoked_at FROM api_keys k LEFT JOIN users u ON u.id = k.user_id"
            + " LEFT JOIN service_accounts s ON s.id = k.service_account_id";

    static final RowMapper<Organization> ORGS = (rs, ctx) ->
            new Organization(rs.getString("id"), rs.getString("name"), Columns.instant(rs, "created_at"));

    static final RowMapper<Team> TEAMS = (rs, ctx) -> new Team(rs.getString("id"), rs.getString("org_id"),
            rs.getString("name"), Columns.instant(rs, "created_at"));

    static final RowMapper<ServiceAccount> SERVICE_ACCOUNTS = (rs, ctx) -> new ServiceAccount(rs.getString("id"),
            rs.getString("team_id"), rs.getString("org_id"), rs.getString("name"), Columns.instant(rs, "created_at"));

    static final RowMapper<TeamMember> MEMBERS = (rs, ctx) -> new TeamMember(rs.getString("team_id"),
            rs.getString("user_id"), rs.getString("email"), rs.getString("name"), rs.getBoolean("team_admin"));

    static final RowMapper<Key> KEYS = (rs, ctx) -> {
        String userId = rs.getString("user_id");
        Owner owner = userId != null
                ? new Owner(OwnerType.USER, userId, rs.getString("user_email"))
                : new Owner(OwnerType.SERVICE_ACCOUNT, rs.getString("service_account_id"),
                        rs.getString("account_name"));
        return new Key(rs.getString("id"), rs.getString("name"), rs.getString("prefix"),
                Scope.parse(rs.getString("scope").toLowerCase(Locale.ROOT)), rs.getString("org_id"),
                rs.getString("team_id"), owner, Columns.instant(rs, "created_at"),
                Columns.nullableInstant(rs, "expires_at"), Columns.nullableInstant(rs, "last_used_at"),
                Columns.nullableInstant(rs, "revoked_at"));
    };

    private Rows() {
    }
}
