package dev.aqueduct.identity;

import java.time.Instant;

/** A team's non-human owner of keys, for programs that must not depend on one person's account. */
public record ServiceAccount(String id, String teamId, String name, Instant createdAt) {
}
