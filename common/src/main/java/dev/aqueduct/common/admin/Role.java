package dev.aqueduct.common.admin;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * What a person may do through the admin API, from least to most: each role may do everything
 * the ones before it may, within its reach. A user manages their own keys; a team admin manages
 * a team's members and service accounts; an org admin manages one organization; an admin
 * manages every organization.
 */
public enum Role {
    USER("user"),
    TEAM_ADMIN("team_admin"),
    ORG_ADMIN("org_admin"),
    ADMIN("admin");

    private final String value;

    Role(String value) {
        this.value = value;
    }

    /** The name in JSON and on the command line, such as {@code team_admin}. */
    @JsonValue
    public String value() {
        return value;
    }

    /** Whether this role includes everything {@code other} may do. */
    public boolean atLeast(Role other) {
        return compareTo(other) >= 0;
    }

    /**
     * The role named exactly {@code text}.
     *
     * @throws IllegalArgumentException when no role has that name; the message lists the names
     */
    @JsonCreator
    public static Role parse(String text) {
        for (Role role : values()) {
            if (role.value.equals(text)) {
                return role;
            }
        }
        throw new IllegalArgumentException("Unknown role '" + text + "'; known roles: " + names());
    }

    /** The role names, comma separated, for messages and help. */
    public static String names() {
        return Arrays.stream(values()).map(Role::value).collect(Collectors.joining(", "));
    }
}
