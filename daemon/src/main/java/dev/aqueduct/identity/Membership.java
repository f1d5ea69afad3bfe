package dev.aqueduct.identity;

/** A user's place in one organization. */
public record Membership(String orgId, String orgName, String userId, OrgRole role) {
}
