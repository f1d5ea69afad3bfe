package dev.aqueduct.keys;

/**
 * A key just created, with its secret. The secret is not stored anywhere; show it to its owner
 * once and let this value go.
 */
public record CreatedKey(KeyRecord key, String secret) {
    /** Leaves the secret out, so the value can be logged safely by mistake. */
    @Override
    public String toString() {
        return "CreatedKey[key=" + key + ", secret=" + key.prefix() + "...]";
    }
}
