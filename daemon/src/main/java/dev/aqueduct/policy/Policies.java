package dev.aqueduct.policy;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.aqueduct.common.admin.Policy;
import dev.aqueduct.common.json.Json;
import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * Reads and writes the {@code policies} table, in the caller's transaction. A policy is stored
 * as the JSON of the admin API's {@link Policy}, validated before it gets here.
 */
public final class Policies {
    private Policies() {
    }

    /** The policy set on the target, if any. */
    public static Optional<Policy> find(Handle handle, PolicyTarget target, String id) {
        return handle.createQuery("SELECT policy FROM policies WHERE target_type = :type AND target_id = :id")
                .bind("type", target.value()).bind("id", id).mapTo(String.class).findOne().map(Policies::read);
    }

    /** Sets the target's policy, replacing any earlier one. */
    public static void put(Handle handle, PolicyTarget target, String id, Policy policy, Instant now) {
        String json = write(policy);
        int updated = handle.createUpdate("UPDATE policies SET policy = :policy, updated_at = :now"
                        + " WHERE target_type = :type AND target_id = :id")
                .bind("policy", json).bind("now", now).bind("type", target.value()).bind("id", id).execute();
        if (updated == 0) {
            handle.createUpdate("INSERT INTO policies (target_type, target_id, policy, updated_at)"
                            + " VALUES (:type, :id, :policy, :now)")
                    .bind("type", target.value()).bind("id", id).bind("policy", json).bind("now", now).execute();
        }
    }

    /** Removes the target's policy; whether there was one. */
    public static boolean delete(Handle handle, PolicyTarget target, String id) {
        return handle.createUpdate("DELETE FROM policies WHERE target_type = :type AND target_id = :id")
                .bind("type", target.value()).bind("id", id).execute() > 0;
    }

    private static String write(Policy policy) {
        try {
            return Json.mapper().writeValueAsString(policy);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write a policy", e);
        }
    }

    private static Policy read(String json) {
        try {
            return Json.mapper().readValue(json, Policy.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A stored policy is not valid JSON", e);
        }
    }
}
