package dev.aqueduct.identity;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A person known to the gateway.
 *
 * @param email lower-cased, unique across the gateway
 * @param admin whether the user is a global admin, who may manage every organization
 * @param disabled whether the user is locked out; a disabled user's keys stop working
 */
public record User(String id, String email, @Nullable String name, boolean admin, boolean disabled,
        Instant createdAt) {
}
