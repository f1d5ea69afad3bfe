package dev.aqueduct.admin;

import dev.aqueduct.common.admin.Key;
import dev.aqueduct.common.admin.Policy;
import dev.aqueduct.common.admin.Team;
import dev.aqueduct.policy.Policies;
import dev.aqueduct.policy.PolicyTarget;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;
import org.jspecify.annotations.Nullable;

/**
 * {@code /policies/{target_type}/{target_id}}: model access and limits on an organization (set
 * by admins), or on a team, user or key (set by org admins of its organization). Whoever sees
 * the target sees its policy. Policies are stored here; the relay does not enforce them yet.
 */
final class PoliciesApi {
    private final AdminContext context;
    private final PolicyChecks checks;

    PoliciesApi(AdminContext context) {
        this.context = context;
        this.checks = new PolicyChecks(context.catalog());
    }

    List<Route> routes() {
        return List.of(
                Route.of("GET", "/policies/{target_type}/{target_id}", this::get),
                Route.of("PUT", "/policies/{target_type}/{target_id}", this::put),
                Route.of("DELETE", "/policies/{target_type}/{target_id}", this::delete));
    }

    private Reply get(AdminCall call) {
        PolicyTarget type = type(call);
        Policy policy = context.jdbi().withHandle(handle -> {
            String id = call.param("target_id");
            target(handle, call.caller(), type, id);
            return Policies.find(handle, type, id).orElse(new Policy(null, null));
        });
        return Reply.ok(policy);
    }

    private Reply put(AdminCall call) {
        PolicyTarget type = type(call);
        Policy policy = call.body(Policy.class);
        checks.check(policy);
        context.jdbi().useTransaction(handle -> {
            String id = call.param("target_id");
            String orgId = requireManager(handle, call.caller(), type, id);
            Policies.put(handle, type, id, policy, call.now());
            AuditLog.record(handle, call.caller(), call.now(), "policy.put", "policy", type.value() + "/" + id, orgId,
                    Map.of("policy", policy));
        });
        return Reply.ok(policy);
    }

    private Reply delete(AdminCall call) {
        PolicyTarget type = type(call);
        context.jdbi().useTransaction(handle -> {
            String id = call.param("target_id");
            String orgId = requireManager(handle, call.caller(), type, id);
            boolean existed = Policies.delete(handle, type, id);
            AuditLog.record(handle, call.caller(), call.now(), "policy.delete", "policy", type.value() + "/" + id,
                    orgId, Map.of("existed", existed));
        });
        return Reply.noContent();
    }

    private static PolicyTarget type(AdminCall call) {
        String text = call.param("target_type");
        return PolicyTarget.parse(text).orElseThrow(() -> AdminErrors.notFound("policy target type", text, null));
    }

    /** Checks the caller may change the target's policy; the target's organization, null for a user. */
    private static @Nullable String requireManager(Handle handle, Caller caller, PolicyTarget type, String id) {
        Target target = target(handle, caller, type, id);
        if (!target.managed()) {
            throw AdminErrors.forbidden(type == PolicyTarget.ORG ? "Only admins set an organization's policy"
                    : "Only org admins set policies inside their organization");
        }
        return target.orgId();
    }

    /** A policy's target that the caller sees (else 404), and whether the caller may change its policy. */
    private record Target(@Nullable String orgId, boolean managed) {
    }

    private static Target target(Handle handle, Caller caller, PolicyTarget type, String id) {
        return switch (type) {
            case ORG -> new Target(Visible.org(handle, caller, id, null).id(), caller.admin());
            case TEAM -> {
                Team team = Visible.team(handle, caller, id, null);
                yield new Target(team.orgId(), caller.isOrgAdmin(team.orgId()));
            }
            case USER -> new Target(null, Visible.manages(caller, Visible.user(handle, caller, id, null)));
            case KEY -> {
                Key key = Visible.key(handle, caller, id);
                yield new Target(key.orgId(), caller.isOrgAdmin(key.orgId()));
            }
        };
    }
}
