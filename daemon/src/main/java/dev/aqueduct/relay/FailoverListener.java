package dev.aqueduct.relay;

/** Told each time the relay passes a deployment over for the next one, so failovers can be counted. */
@FunctionalInterface
public interface FailoverListener {
    /** {@code deployment} ({@code provider/upstream-model}) failed to connect or answered 429 or 5xx. */
    void passedOver(String deployment);
}
