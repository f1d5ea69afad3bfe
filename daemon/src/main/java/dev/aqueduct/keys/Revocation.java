package dev.aqueduct.keys;

/**
 * The outcome of revoking a key.
 *
 * @param key the key as stored afterwards, with its revocation time
 * @param alreadyRevoked whether the key had been revoked before; it then keeps its first revocation time
 */
public record Revocation(KeyRecord key, boolean alreadyRevoked) {
}
