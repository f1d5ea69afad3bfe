package dev.aqueduct.keys;

/**
 * A key with a readable name for its owner, for listings.
 *
 * @param owner the owning user's email, or {@code service account NAME}
 */
public record KeyListing(KeyRecord key, String owner) {
}
