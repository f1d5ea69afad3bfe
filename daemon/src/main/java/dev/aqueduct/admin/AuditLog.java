package dev.aqueduct.admin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.aqueduct.common.admin.AuditEntry;
import dev.aqueduct.common.admin.Page;
import dev.aqueduct.common.json.Json;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.jdbi.v3.core.Handle;
import org.jspecify.annotations.Nullable;

/**
 * Writes and reads the audit log. Every change of the admin API calls {@link #record} with the
 * handle of its own transaction, so an entry exists exactly when its change does. What changed
 * is given by each action as a small map of its own choosing, never a secret or a key hash.
 */
final class AuditLog {
    private static final String INSERT = "INSERT INTO audit_log (id, time, actor_user_id, actor_key_id, action,"
            + " object_type, object_id, org_id, changes) VALUES (:id, :time, :actorUserId, :actorKeyId, :action,"
            + " :objectType, :objectId, :orgId, :changes)";
    private static final String SELECT = "SELECT id, time, actor_user_id, actor_key_id, action, object_type,"
            + " object_id, org_id, changes FROM audit_log";

    private AuditLog() {
    }

    /**
     * Records one change.
     *
     * @param action what was done, as {@code type.verb}: {@code team.create}, {@code key.revoke}
     * @param orgId the organization of the object, or null for changes outside any
     */
    static void record(Handle handle, Caller caller, Instant now, String action, String objectType, String objectId,
            @Nullable String orgId, Map<String, ?> changes) {
        handle.createUpdate(INSERT)
                .bind("id", newId(now))
                .bind("time", now)
                .bind("actorUserId", caller.userId())
                .bind("actorKeyId", caller.keyId())
                .bind("action", action)
                .bind("objectType", objectType)
                .bind("objectId", objectId)
                .bind("orgId", orgId)
                .bind("changes", write(changes))
                .execute();
    }

    /** A page of entries, newest first, filtered by the given conditions. */
    static Page<AuditEntry> page(Handle handle, Conditions where, PageRequest page) {
        if (page.after() != null) {
            where.add("id < :after").bind("after", page.after());
        }
        var rows = where.apply(handle.createQuery(SELECT + where.sql() + " ORDER BY id DESC LIMIT :fetch"))
                .bind("fetch", page.fetch())
                .map((rs, ctx) -> new AuditEntry(rs.getString("id"), Instant.ofEpochMilli(rs.getLong("time")),
                        rs.getString("actor_user_id"), rs.getString("actor_key_id"), rs.getString("action"),
                        rs.getString("object_type"), rs.getString("object_id"), rs.getString("org_id"),
                        read(rs.getString("changes"))))
                .list();
        return page.toPage(rows, AuditEntry::id);
    }

    /** An id that sorts by time: 12 hex digits of milliseconds, then 16 of randomness. */
    private static String newId(Instant now) {
        HexFormat hex = HexFormat.of();
        return "aud_" + hex.toHexDigits(now.toEpochMilli()).substring(4)
                + hex.toHexDigits(ThreadLocalRandom.current().nextLong());
    }

    private static String write(Map<String, ?> changes) {
        try {
            return Json.mapper().writeValueAsString(changes);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write an audit entry's changes", e);
        }
    }

    private static JsonNode read(String changes) {
        try {
            return Json.mapper().readTree(changes);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored audit changes are not JSON", e);
        }
    }
}
