package dev.aqueduct.server;

/**
 * The two ways the gateway relays a request. A relay test class annotated
 * {@code @ParameterizedClass @EnumSource(RelayPath.class)} runs once per way, from the same code,
 * its gateway started for that way.
 */
public enum RelayPath {
    /**
     * On the connection's I/O thread. That way takes only a request whose key is already cached
     * as valid, so a test checks its key with {@code GET /v1/models} before the first relay
     * request ({@link GatewayHarness} does so right after the start): then every relay request
     * of the test is taken on the I/O thread, the first one included.
     */
    FAST_LANE(true),
    /** On a virtual thread of its own, the fast lane turned off. */
    BLOCKING(false);

    private final boolean fastRelay;

    RelayPath(boolean fastRelay) {
        this.fastRelay = fastRelay;
    }

    /** The {@code server} field that picks this way, for the section's flow mapping. */
    public String serverYaml() {
        return "fast-relay: " + fastRelay;
    }

    /** How many {@code GET /v1/models} requests the harness sends before the test's own. */
    public int warmUpRequests() {
        return fastRelay ? 1 : 0;
    }
}
