package dev.aqueduct.oidc;

import dev.aqueduct.identity.OrgRole;
import dev.aqueduct.store.Ids;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings the signed-in user's row and memberships in line with the token, in one transaction:
 * finds the user by provider identity (or links or creates one), refuses disabled users, sets
 * the admin flag from the admin group, and creates missing organizations and teams on demand.
 *
 * <p>Sign-in marks what it grants and takes back only that: a membership or admin flag set by
 * hand (admin API, command line, bootstrap) is raised when the groups give more but never
 * lowered or removed. With {@code sync} on, memberships sign-in granted that the groups no
 * longer give are removed and their roles follow the groups down as well as up.
 */
final class SignInProvisioner {
    private static final Logger LOG = LoggerFactory.getLogger(SignInProvisioner.class);

    private final Jdbi jdbi;
    private final boolean sync;
    private final boolean manageAdmins;
    private final Clock clock;

    SignInProvisioner(Jdbi jdbi, boolean sync, boolean manageAdmins, Clock clock) {
        this.jdbi = jdbi;
        this.sync = sync;
        this.manageAdmins = manageAdmins;
        this.clock = clock;
    }

    /**
     * The id of the user the claims sign in, after provisioning.
     *
     * @throws SignInRejectedException when the user is disabled or their address belongs to someone else
     */
    String provision(SignInClaims claims, GrantedAccess access) {
        try {
            return jdbi.inTransaction(handle -> provision(handle.attach(SignInDao.class), claims, access));
        } catch (UnableToExecuteStatementException first) {
            // Two first sign-ins at once may both insert the same user or organization; the
            // second transaction fails on the unique key and, run again, finds the rows.
            try {
                return jdbi.inTransaction(handle -> provision(handle.attach(SignInDao.class), claims, access));
            } catch (UnableToExecuteStatementException e) {
                throw new SignInRejectedException(RejectReason.PROVISIONING_FAILED, "cannot store the user: "
                        + e.getShortMessage(), e);
            }
        }
    }

    private String provision(SignInDao dao, SignInClaims claims, GrantedAccess access) {
        Instant now = Instant.ofEpochMilli(clock.millis());
        SignInDao.Account account = findOrCreate(dao, claims, now);
        if (account.disabled()) {
            throw new SignInRejectedException(RejectReason.USER_DISABLED, "user=" + account.id());
        }
        dao.recordSignIn(account.id(), claims.name(), now);
        if (!account.email().equals(claims.email()) && dao.updateEmailIfFree(account.id(), claims.email()) == 0) {
            LOG.debug("Sign-in kept the stored address, the token's is taken user={}", account.id());
        }
        updateAdmin(dao, account, access.admin());
        Map<String, String> orgIds = ensureOrganizations(dao, access, now);
        syncOrganizations(dao, account.id(), access, orgIds);
        syncTeams(dao, account.id(), access, orgIds, now);
        if (sync) {
            removeEmptiedOrganizations(dao, account.id(), access);
        }
        return account.id();
    }

    private SignInDao.Account findOrCreate(SignInDao dao, SignInClaims claims, Instant now) {
        var linked = dao.findByIdentity(claims.issuer(), claims.subject());
        if (linked.isPresent()) {
            return linked.get();
        }
        var sameEmail = dao.findByEmail(claims.email());
        if (sameEmail.isPresent()) {
            SignInDao.Account existing = sameEmail.get();
            if (existing.oidcSubject() != null || !claims.emailVerified()) {
                String why = existing.oidcSubject() != null ? " is linked elsewhere" : " email_verified=false";
                throw new SignInRejectedException(RejectReason.EMAIL_TAKEN, "user=" + existing.id() + why);
            }
            dao.link(existing.id(), claims.issuer(), claims.subject());
            LOG.info("User linked to single sign-on user={} issuer={}", existing.id(), claims.issuer());
            return existing;
        }
        String id = Ids.next("usr");
        dao.insertUser(id, claims.email(), claims.name(), now, claims.issuer(), claims.subject());
        LOG.info("User created by sign-in user={} issuer={}", id, claims.issuer());
        return dao.findByIdentity(claims.issuer(), claims.subject()).orElseThrow();
    }

    private void updateAdmin(SignInDao dao, SignInDao.Account account, boolean inAdminGroup) {
        if (!manageAdmins) {
            return;
        }
        if (inAdminGroup && !account.admin()) {
            dao.updateAdmin(account.id(), true, true);
            LOG.info("Admin granted by sign-in user={}", account.id());
        } else if (!inAdminGroup && account.admin() && account.adminFromSignIn()) {
            dao.updateAdmin(account.id(), false, false);
            LOG.info("Admin removed by sign-in user={}", account.id());
        }
    }

    private static Map<String, String> ensureOrganizations(SignInDao dao, GrantedAccess access, Instant now) {
        Map<String, String> ids = new HashMap<>();
        for (String name : access.orgs().keySet()) {
            ids.put(name, dao.findOrgId(name).orElseGet(() -> {
                String id = Ids.next("org");
                dao.insertOrg(id, name, now);
                LOG.info("Organization created by sign-in org={} id={}", name, id);
                return id;
            }));
        }
        return ids;
    }

    private void syncOrganizations(SignInDao dao, String userId, GrantedAccess access, Map<String, String> orgIds) {
        Map<String, SignInDao.OrgMember> current = dao.orgMemberships(userId).stream()
                .collect(Collectors.toMap(SignInDao.OrgMember::orgId, m -> m));
        access.orgs().forEach((name, granted) -> {
            String orgId = orgIds.get(name);
            SignInDao.OrgMember member = current.get(orgId);
            if (member == null) {
                dao.insertOrgMember(orgId, userId, granted.value());
                return;
            }
            OrgRole held = OrgRole.parse(member.role());
            OrgRole wanted = sync && member.fromSignIn() ? granted : higher(held, granted);
            if (wanted != held) {
                dao.updateOrgRole(orgId, userId, wanted.value());
            }
        });
    }

    private void syncTeams(SignInDao dao, String userId, GrantedAccess access, Map<String, String> orgIds,
            Instant now) {
        Map<String, SignInDao.TeamMember> current = dao.teamMemberships(userId).stream()
                .collect(Collectors.toMap(SignInDao.TeamMember::teamId, m -> m));
        Set<String> granted = new HashSet<>();
        for (GrantedAccess.TeamGrant grant : access.teams()) {
            String orgId = orgIds.get(grant.org());
            String teamId = dao.findTeamId(orgId, grant.team()).orElseGet(() -> createTeam(dao, orgId, grant, now));
            granted.add(teamId);
            SignInDao.TeamMember member = current.get(teamId);
            if (member == null) {
                dao.insertTeamMember(teamId, userId, grant.teamAdmin());
                continue;
            }
            boolean wanted = sync && member.fromSignIn() ? grant.teamAdmin() : member.teamAdmin() || grant.teamAdmin();
            if (wanted != member.teamAdmin()) {
                dao.updateTeamAdmin(teamId, userId, wanted);
            }
        }
        if (sync) {
            for (SignInDao.TeamMember member : current.values()) {
                if (member.fromSignIn() && !granted.contains(member.teamId())) {
                    dao.deleteTeamMember(member.teamId(), userId);
                }
            }
        }
    }

    private static String createTeam(SignInDao dao, String orgId, GrantedAccess.TeamGrant grant, Instant now) {
        String id = Ids.next("team");
        dao.insertTeam(id, orgId, grant.team(), now);
        LOG.info("Team created by sign-in org={} team={} id={}", grant.org(), grant.team(), id);
        return id;
    }

    /** Drops organizations sign-in granted that the groups no longer give, unless a team there remains. */
    private static void removeEmptiedOrganizations(SignInDao dao, String userId, GrantedAccess access) {
        Set<String> teamOrgs = dao.teamMemberships(userId).stream().map(SignInDao.TeamMember::orgId)
                .collect(Collectors.toSet());
        List<SignInDao.OrgMember> members = dao.orgMemberships(userId);
        for (SignInDao.OrgMember member : members) {
            if (member.fromSignIn() && !access.orgs().containsKey(member.orgName())
                    && !teamOrgs.contains(member.orgId())) {
                dao.deleteOrgMember(member.orgId(), userId);
            }
        }
    }

    private static OrgRole higher(OrgRole a, OrgRole b) {
        return a == OrgRole.ORG_ADMIN || b == OrgRole.ORG_ADMIN ? OrgRole.ORG_ADMIN : OrgRole.USER;
    }
}
