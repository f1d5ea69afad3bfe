package dev.aqueduct.admin;

/** A caller's place in one team: the team's organization, and whether the caller is its admin. */
record TeamSeat(String teamId, String orgId, boolean teamAdmin) {
}
