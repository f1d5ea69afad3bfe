package dev.aqueduct.identity;

import dev.aqueduct.keys.CreatedKey;
import dev.aqueduct.keys.KeyOwner;
import dev.aqueduct.keys.KeyScope;
import dev.aqueduct.keys.KeyService;
import dev.aqueduct.store.Ids;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Organizations, users and memberships: the first admin of a fresh install, adding users, and
 * finding who owns a new key.
 */
public final class IdentityService {
    /** The organization a fresh install and new users land in when none is named. */
    public static final String DEFAULT_ORG = "default";

    private static final Logger LOG = LoggerFactory.getLogger(IdentityService.class);
    private static final Pattern EMAIL = Pattern.compile("[^@\\s\\p{Cntrl}]+@[^@\\s\\p{Cntrl}]+");
    private static final int MAX_EMAIL_LENGTH = 254;
    private static final int MAX_NAME_LENGTH = 200;

    private final Jdbi jdbi;
    private final KeyService keys;
    private final Clock clock;

    public IdentityService(Jdbi jdbi, KeyService keys, Clock clock) {
        this.jdbi = jdbi;
        this.keys = keys;
        this.clock = clock;
    }

    /**
     * Sets up a fresh install in one transaction: the organization, the user as global admin and
     * its org admin, and a management key whose secret is returned once.
     *
     * @param orgName the organization to create or use, or null for {@value #DEFAULT_ORG}
     * @throws AlreadyBootstrappedException when any admin exists already
     * @throws IdentityException when the email address or organization name is malformed
     */
    public BootstrapResult bootstrap(String email, @Nullable String orgName) {
        String address = normalizeEmail(email);
        String org = checkedName(orgName == null ? DEFAULT_ORG : orgName, "Organization name");
        BootstrapResult result = jdbi.inTransaction(handle -> {
            if (handle.attach(UserDao.class).countAdmins() > 0) {
                throw new AlreadyBootstrappedException("This gateway is already bootstrapped: an admin exists."
                        + " Create more keys with: aqueduct keys create --user ADDRESS [--scope management]");
            }
            Organization organization = findOrCreateOrganization(handle, org);
            User user = findOrCreateUser(handle, address, null);
            handle.attach(UserDao.class).updateAdmin(user.id(), true);
            joinOrganization(handle, organization, user, OrgRole.ORG_ADMIN);
            User admin = handle.attach(UserDao.class).findByEmail(address).orElseThrow();
            CreatedKey key = keys.create(KeyOwner.user(organization.id(), admin.id()), "bootstrap",
                    KeyScope.MANAGEMENT, null);
            return new BootstrapResult(organization, admin, key);
        });
        LOG.info("Gateway bootstrapped org={} admin={}", result.organization().name(), result.admin().id());
        return result;
    }

    /**
     * Adds a user to an organization with a role, creating the user when the address is new.
     *
     * @param name a display name, or null
     * @throws IdentityException when the address is malformed, the organization does not exist or
     *         the user is a member already
     */
    public User addUser(String email, @Nullable String name, String orgName, OrgRole role) {
        String address = normalizeEmail(email);
        String displayName = name == null ? null : checkedName(name, "User name");
        User user = jdbi.inTransaction(handle -> {
            Organization organization = requireOrganization(handle, orgName);
            User member = findOrCreateUser(handle, address, displayName);
            if (handle.attach(MemberDao.class).findOrgMembership(organization.id(), member.id()).isPresent()) {
                throw new IdentityException("User " + address + " is already a member of organization '"
                        + organization.name() + "'");
            }
            joinOrganization(handle, organization, member, role);
            return member;
        });
        LOG.info("User added user={} org={} role={}", user.id(), orgName, role.value());
        return user;
    }

    /** The user with this address, compared without case. */
    public Optional<User> findUserByEmail(String email) {
        String address = email.strip().toLowerCase(Locale.ROOT);
        return jdbi.withExtension(UserDao.class, dao -> dao.findByEmail(address));
    }

    /**
     * The user with this address.
     *
     * @throws UnknownUserException when there is none; the message says how to add one
     */
    public User requireUser(String email) {
        return findUserByEmail(email).orElseThrow(() -> new UnknownUserException(email.strip()));
    }

    /** Every user with their organizations, by email. */
    public List<UserListing> listUsers() {
        return jdbi.withHandle(handle -> {
            Map<String, List<Membership>> byUser = handle.attach(MemberDao.class).findAll().stream()
                    .collect(Collectors.groupingBy(Membership::userId));
            return handle.attach(UserDao.class).findAll().stream()
                    .map(user -> new UserListing(user, byUser.getOrDefault(user.id(), List.of())))
                    .toList();
        });
    }

    /** Every organization, by name. */
    public List<Organization> listOrganizations() {
        return jdbi.withExtension(OrganizationDao.class, OrganizationDao::findAll);
    }

    /**
     * The owner for a new key of the user with this address.
     *
     * @param orgName the organization the key is for; may be null when the user belongs to exactly one
     * @throws UnknownUserException when no user has the address
     * @throws IdentityException when the user is disabled, belongs to no organization or to several
     *         and none was named, or is not a member of the one named
     */
    public KeyOwner keyOwner(String email, @Nullable String orgName) {
        User user = requireUser(email);
        if (user.disabled()) {
            throw new IdentityException("User " + user.email() + " is disabled; a disabled user's keys do not work");
        }
        List<Membership> memberships = jdbi.withExtension(MemberDao.class, dao -> dao.findByUser(user.id()));
        return KeyOwner.user(chooseOrganization(user, memberships, orgName).orgId(), user.id());
    }

    /**
     * Creates a team inside an organization.
     *
     * @throws IdentityException when the organization does not exist or has a team of that name
     */
    public Team createTeam(String orgName, String teamName) {
        String name = checkedName(teamName, "Team name");
        return jdbi.inTransaction(handle -> {
            Organization organization = requireOrganization(handle, orgName);
            TeamDao teams = handle.attach(TeamDao.class);
            if (teams.findByName(organization.id(), name).isPresent()) {
                throw new IdentityException("Organization '" + orgName + "' already has a team '" + name + "'");
            }
            Team team = new Team(Ids.next("team"), organization.id(), name, now());
            teams.insert(team);
            return team;
        });
    }

    /**
     * The organization with this name.
     *
     * @throws IdentityException when there is none; the message lists the known ones
     */
    public Organization requireOrganization(String orgName) {
        return jdbi.withHandle(handle -> requireOrganization(handle, orgName));
    }

    /**
     * The team of this name in the named organization.
     *
     * @throws IdentityException when the organization or the team does not exist
     */
    public Team requireTeam(String orgName, String teamName) {
        return jdbi.withHandle(handle -> {
            Organization organization = requireOrganization(handle, orgName);
            return handle.attach(TeamDao.class).findByName(organization.id(), teamName).orElseThrow(() ->
                    new IdentityException("Organization '" + orgName + "' has no team '" + teamName + "'"));
        });
    }

    /**
     * Creates a service account in a team.
     *
     * @throws IdentityException when the team has an account of that name
     */
    public ServiceAccount createServiceAccount(Team team, String accountName) {
        String name = checkedName(accountName, "Service account name");
        return jdbi.inTransaction(handle -> {
            ServiceAccountDao accounts = handle.attach(ServiceAccountDao.class);
            if (accounts.findByName(team.id(), name).isPresent()) {
                throw new IdentityException("Team '" + team.name() + "' already has a service account '" + name + "'");
            }
            ServiceAccount account = new ServiceAccount(Ids.next("sa"), team.id(), name, now());
            accounts.insert(account);
            return account;
        });
    }

    /**
     * Adds a member of the team's organization to the team.
     *
     * @param teamAdmin whether the user may manage the team's members and service accounts
     * @throws IdentityException when the user is not in the team's organization or already in the team
     */
    public void addTeamMember(Team team, String email, boolean teamAdmin) {
        User user = requireUser(email);
        jdbi.useTransaction(handle -> {
            if (handle.attach(MemberDao.class).findOrgMembership(team.orgId(), user.id()).isEmpty()) {
                throw new IdentityException("User " + user.email() + " is not a member of the organization of team '"
                        + team.name() + "'");
            }
            if (handle.attach(MemberDao.class).countTeamMembership(team.id(), user.id()) > 0) {
                throw new IdentityException("User " + user.email() + " is already in team '" + team.name() + "'");
            }
            handle.attach(MemberDao.class).insertTeamMember(team.id(), user.id(), teamAdmin);
        });
    }

    /**
     * Stops or restores every key of a user at once.
     *
     * @throws UnknownUserException when no user has the address
     */
    public void setDisabled(String email, boolean disabled) {
        User user = requireUser(email);
        jdbi.useExtension(UserDao.class, dao -> dao.updateDisabled(user.id(), disabled));
        LOG.info("User {} user={}", disabled ? "disabled" : "enabled", user.id());
    }

    /**
     * {@code email} stripped and lower-cased.
     *
     * @throws IdentityException when it is not of the form {@code name@domain}
     */
    static String normalizeEmail(String email) {
        String address = email.strip().toLowerCase(Locale.ROOT);
        if (address.length() > MAX_EMAIL_LENGTH || !EMAIL.matcher(address).matches()) {
            throw new IdentityException("'" + email + "' is not an email address; expected name@domain");
        }
        return address;
    }

    private static Membership chooseOrganization(User user, List<Membership> memberships, @Nullable String orgName) {
        if (orgName != null) {
            return memberships.stream().filter(m -> m.orgName().equals(orgName)).findFirst()
                    .orElseThrow(() -> new IdentityException("User " + user.email()
                            + " is not a member of organization '" + orgName + "'; add them with: aqueduct users add"
                            + " --email " + user.email() + " --org " + orgName));
        }
        if (memberships.isEmpty()) {
            throw new IdentityException("User " + user.email() + " belongs to no organization; add them with:"
                    + " aqueduct users add --email " + user.email() + " --org NAME");
        }
        if (memberships.size() > 1) {
            String names = memberships.stream().map(Membership::orgName).collect(Collectors.joining(", "));
            throw new IdentityException("User " + user.email() + " belongs to several organizations (" + names
                    + "); name one with --org");
        }
        return memberships.getFirst();
    }

    private Organization findOrCreateOrganization(Handle handle, String name) {
        OrganizationDao organizations = handle.attach(OrganizationDao.class);
        return organizations.findByName(name).orElseGet(() -> {
            Organization organization = new Organization(Ids.next("org"), name, now());
            organizations.insert(organization);
            return organization;
        });
    }

    private static Organization requireOrganization(Handle handle, String name) {
        OrganizationDao organizations = handle.attach(OrganizationDao.class);
        return organizations.findByName(name).orElseThrow(() -> {
            String known = organizations.findAll().stream().map(Organization::name)
                    .collect(Collectors.joining(", "));
            return new IdentityException("Unknown organization '" + name + "'; known organizations: "
                    + (known.isEmpty() ? "none (run aqueduct bootstrap first)" : known));
        });
    }

    private User findOrCreateUser(Handle handle, String address, @Nullable String name) {
        UserDao users = handle.attach(UserDao.class);
        return users.findByEmail(address).orElseGet(() -> {
            User user = new User(Ids.next("usr"), address, name, false, false, now());
            users.insert(user);
            return user;
        });
    }

    private static void joinOrganization(Handle handle, Organization organization, User user, OrgRole role) {
        MemberDao members = handle.attach(MemberDao.class);
        if (members.updateOrgRole(organization.id(), user.id(), role.value()) == 0) {
            members.insertOrgMember(organization.id(), user.id(), role.value());
        }
    }

    private static String checkedName(String name, String what) {
        String stripped = name.strip();
        if (stripped.isEmpty() || stripped.length() > MAX_NAME_LENGTH) {
            throw new IdentityException(what + " must be 1 to " + MAX_NAME_LENGTH + " characters, got '" + name + "'");
        }
        return stripped;
    }

    /** Now, to the millisecond that the database keeps, so returned records equal stored ones. */
    private Instant now() {
        return Instant.ofEpochMilli(clock.millis());
    }
}
