package dev.aqueduct.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import org.jspecify.annotations.Nullable;

/**
 * One rule turning a group name from the provider into memberships: a regular expression that
 * must match the whole group name, with a named group {@code org} and optionally {@code team}.
 *
 * @param pattern the regular expression, checked when the configuration is loaded
 * @param role the role in the organization, {@code user} or {@code org_admin}
 * @param teamAdmin whether a matching group makes the user an admin of the team it names
 */
public record GroupMappingConfig(String pattern, String role, boolean teamAdmin) {
    @JsonCreator(mode = JsonCreator.Mode.PROPERTIES)
    static GroupMappingConfig of(@Nullable String pattern, @Nullable String role, @Nullable Boolean teamAdmin) {
        return new GroupMappingConfig(pattern == null ? "" : pattern, role == null ? "user" : role,
                teamAdmin != null && teamAdmin);
    }
}
