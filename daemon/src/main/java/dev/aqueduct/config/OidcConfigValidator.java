package dev.aqueduct.config;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.jspecify.annotations.Nullable;

/** Checks the {@code auth.oidc} section: the issuer, the audience and every group mapping rule. */
final class OidcConfigValidator {
    private static final String AT = "auth.oidc.";
    private static final int MAX_SKEW_SECONDS = 600;
    private static final Set<String> ROLES = Set.of("user", "org_admin");

    /** Reports a problem with a field when {@code ok} is false. */
    interface Check {
        void check(boolean ok, String field, String problem);
    }

    private final Check check;

    OidcConfigValidator(Check check) {
        this.check = check;
    }

    void validate(OidcConfig oidc) {
        validateIssuer(oidc.issuer());
        check.check(!oidc.audience().isBlank(), AT + "audience", "is required: the value tokens carry in aud");
        check.check(!oidc.groupsClaim().isBlank(), AT + "groups-claim", "must not be empty");
        check.check(oidc.adminGroup() == null || !oidc.adminGroup().isBlank(), AT + "admin-group",
                "must not be empty; leave it out to manage admins by hand");
        check.check(oidc.clockSkewSeconds() >= 0 && oidc.clockSkewSeconds() <= MAX_SKEW_SECONDS,
                AT + "clock-skew-seconds", "must be between 0 and " + MAX_SKEW_SECONDS);
        for (int i = 0; i < oidc.groupMappings().size(); i++) {
            validateMapping(oidc.groupMappings().get(i), AT + "group-mappings[" + i + "]");
        }
    }

    private void validateIssuer(URI issuer) {
        String field = AT + "issuer";
        check.check(!issuer.toString().isEmpty(), field, "is required: the provider's issuer URL");
        boolean https = "https".equals(issuer.getScheme());
        boolean loopbackHttp = "http".equals(issuer.getScheme()) && isLoopback(issuer.getHost());
        check.check((https || loopbackHttp) && issuer.getHost() != null, field,
                "must be an https URL (http only on a loopback address), got '" + issuer + "'");
        check.check(issuer.getRawQuery() == null && issuer.getRawFragment() == null, field,
                "must have no query or fragment, got '" + issuer + "'");
    }

    private void validateMapping(GroupMappingConfig mapping, String at) {
        check.check(!mapping.pattern().isEmpty(), at + ".pattern", "is required");
        Pattern pattern = compile(mapping.pattern(), at + ".pattern");
        Map<String, Integer> groups = pattern.namedGroups();
        check.check(groups.containsKey("org"), at + ".pattern", "needs a named group (?<org>...) for the"
                + " organization, got '" + mapping.pattern() + "'");
        check.check(!mapping.teamAdmin() || groups.containsKey("team"), at + ".team-admin",
                "needs a named group (?<team>...) in the pattern; team-admin applies to the team it names");
        check.check(ROLES.contains(mapping.role()), at + ".role",
                "must be user or org_admin, got '" + mapping.role() + "'");
    }

    private Pattern compile(String regex, String field) {
        try {
            return Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            check.check(false, field, "not a valid regular expression: " + e.getDescription() + " near index "
                    + e.getIndex() + " in '" + regex + "'");
            throw e;
        }
    }

    private static boolean isLoopback(@Nullable String host) {
        if (host == null) {
            return false;
        }
        if ("localhost".equalsIgnoreCase(host)) {
            return true;
        }
        String literal = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        if (!literal.matches("[0-9.]+|[0-9a-fA-F:]+")) {
            return false;
        }
        try {
            return InetAddress.getByName(literal).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
