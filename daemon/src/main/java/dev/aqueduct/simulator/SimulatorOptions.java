package dev.aqueduct.simulator;

import org.jspecify.annotations.Nullable;

/**
 * How an {@link UpstreamSimulator} listens and answers when a request does not say otherwise.
 * Start from {@link #defaults()}; each {@code withX} method returns a copy with one option changed.
 *
 * @param host address to bind, such as {@code 127.0.0.1}
 * @param port port to bind; 0 picks a free one
 * @param chunks content chunks per streamed answer, which is also the completion token count
 * @param chunkDelayMillis pause between two streamed events
 * @param apiKey when set, requests must carry {@code Authorization: Bearer <apiKey>} or get 401
 * @param embeddingDimensions vector length when an embeddings request does not ask for one
 */
public record SimulatorOptions(
        String host, int port, int chunks, long chunkDelayMillis, @Nullable String apiKey, int embeddingDimensions) {
    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_CHUNKS = 8;
    public static final int DEFAULT_EMBEDDING_DIMENSIONS = 16;
    public static final int MAX_CHUNKS = 100_000;
    public static final int MAX_EMBEDDING_DIMENSIONS = 8192;

    public SimulatorOptions {
        if (host.isBlank()) {
            throw new SimulatorException("Simulator host is blank; use an address such as 127.0.0.1");
        }
        requireRange("port", port, 0, 65_535);
        requireRange("chunks", chunks, 0, MAX_CHUNKS);
        requireRange("chunk delay in milliseconds", chunkDelayMillis, 0, Integer.MAX_VALUE);
        requireRange("embedding dimensions", embeddingDimensions, 1, MAX_EMBEDDING_DIMENSIONS);
    }

    /** Loopback, a free port, 8 chunks without delay, no API key, 16 embedding dimensions. */
    public static SimulatorOptions defaults() {
        return new SimulatorOptions(DEFAULT_HOST, 0, DEFAULT_CHUNKS, 0, null, DEFAULT_EMBEDDING_DIMENSIONS);
    }

    public SimulatorOptions withHost(String newHost) {
        return new SimulatorOptions(newHost, port, chunks, chunkDelayMillis, apiKey, embeddingDimensions);
    }

    public SimulatorOptions withPort(int newPort) {
        return new SimulatorOptions(host, newPort, chunks, chunkDelayMillis, apiKey, embeddingDimensions);
    }

    public SimulatorOptions withChunks(int newChunks) {
        return new SimulatorOptions(host, port, newChunks, chunkDelayMillis, apiKey, embeddingDimensions);
    }

    public SimulatorOptions withChunkDelayMillis(long newDelay) {
        return new SimulatorOptions(host, port, chunks, newDelay, apiKey, embeddingDimensions);
    }

    public SimulatorOptions withApiKey(@Nullable String newApiKey) {
        return new SimulatorOptions(host, port, chunks, chunkDelayMillis, newApiKey, embeddingDimensions);
    }

    public SimulatorOptions withEmbeddingDimensions(int newDimensions) {
        return new SimulatorOptions(host, port, chunks, chunkDelayMillis, apiKey, newDimensions);
    }

    /** Hides the API key, so options can be logged. */
    @Override
    public String toString() {
        return "SimulatorOptions[host=" + host + ", port=" + port + ", chunks=" + chunks
                + ", chunkDelayMillis=" + chunkDelayMillis + ", apiKey=" + (apiKey == null ? "none" : "set")
                + ", embeddingDimensions=" + embeddingDimensions + "]";
    }

    private static void requireRange(String name, long value, long min, long max) {
        if (value < min || value > max) {
            throw new SimulatorException(
                    "Simulator " + name + " " + value + " is out of range; use " + min + " to " + max);
        }
    }
}
