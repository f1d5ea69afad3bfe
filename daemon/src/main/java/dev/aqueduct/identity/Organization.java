package dev.aqueduct.identity;

import java.time.Instant;

/** A tenant: users, teams, keys and usage all belong to one organization. */
public record Organization(String id, String name, Instant createdAt) {
}
