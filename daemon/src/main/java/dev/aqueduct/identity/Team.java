package dev.aqueduct.identity;

import java.time.Instant;

/** A group of users inside an organization; teams own service accounts. */
public record Team(String id, String orgId, String name, Instant createdAt) {
}
