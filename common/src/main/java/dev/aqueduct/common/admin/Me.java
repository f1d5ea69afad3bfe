package dev.aqueduct.common.admin;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Who the caller is: the answer to {@code GET /me}.
 *
 * @param keyId the management key the call was made with, or null when signed in otherwise
 * @param serviceAccount the service account the management key belongs to, or null for a person
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.ALWAYS)
public record Me(@Nullable User user, @Nullable String keyId, @Nullable ServiceAccount serviceAccount,
        List<OrgMembership> orgs, List<TeamMembership> teams) {
    public Me {
        orgs = List.copyOf(orgs);
        teams = List.copyOf(teams);
    }
}
