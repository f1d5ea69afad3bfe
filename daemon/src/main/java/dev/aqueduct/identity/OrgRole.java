package dev.aqueduct.identity;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** A user's role inside one organization. */
public enum OrgRole {
    USER("user"),
    ORG_ADMIN("org_admin");

    private final String value;

    OrgRole(String value) {
        this.value = value;
    }

    /** The name stored in the database and typed on the command line, such as {@code org_admin}. */
    public String value() {
        return value;
    }

    /**
     * The role named {@code text}, ignoring case.
     *
     * @throws IdentityException when no role has that name
     */
    public static OrgRole parse(String text) {
        for (OrgRole role : values()) {
            if (role.value.equals(text.strip().toLowerCase(Locale.ROOT))) {
                return role;
            }
        }
        throw new IdentityException("Unknown role '" + text + "'; known roles: " + names());
    }

    /** The role names, comma separated, for messages and help. */
    public static String names() {
        return Arrays.stream(values()).map(OrgRole::value).collect(Collectors.joining(", "));
    }
}
