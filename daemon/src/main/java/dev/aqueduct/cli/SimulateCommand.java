package dev.aqueduct.cli;

import dev.aqueduct.simulator.SimulatorOptions;
import dev.aqueduct.simulator.UpstreamSimulator;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code aqueduct simulate}: runs the upstream simulator, an OpenAI-compatible fake provider, until
 * the process is stopped, to point a gateway or a benchmark at without a real provider.
 */
@Command(
        name = "simulate",
        mixinStandardHelpOptions = true,
        description = "Run an OpenAI-compatible fake provider with deterministic answers and scriptable faults.")
final class SimulateCommand implements Callable<Integer> {
    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Option(names = "--host", defaultValue = SimulatorOptions.DEFAULT_HOST,
            description = "Address to listen on (default: ${DEFAULT-VALUE}).")
    private String host;

    @Option(names = "--port", defaultValue = "9090", description = "Port to listen on; 0 picks a free one "
            + "(default: ${DEFAULT-VALUE}).")
    private int port;

    @Option(names = "--chunks", defaultValue = SimulatorOptions.DEFAULT_CHUNKS + "",
            description = "Content chunks per answer, also the completion token count (default: ${DEFAULT-VALUE}).")
    private int chunks;

    @Option(names = "--chunk-delay-ms", defaultValue = "0", paramLabel = "MILLIS",
            description = "Pause between streamed events (default: ${DEFAULT-VALUE}).")
    private long chunkDelayMillis;

    @Option(names = "--api-key", paramLabel = "KEY",
            description = "Require 'Authorization: Bearer KEY' on every request (default: no key needed).")
    private @Nullable String apiKey;

    @Option(names = "--embedding-dimensions", defaultValue = SimulatorOptions.DEFAULT_EMBEDDING_DIMENSIONS + "",
            description = "Embedding length when a request does not ask for one (default: ${DEFAULT-VALUE}).")
    private int embeddingDimensions;

    /** Serves until the process is stopped (the shutdown hook closes it) or this thread is interrupted. */
    @Override
    public Integer call() {
        UpstreamSimulator simulator = UpstreamSimulator.start(
                new SimulatorOptions(host, port, chunks, chunkDelayMillis, apiKey, embeddingDimensions));
        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            simulator.close();
            stopped.countDown();
        }, "aqueduct-simulator-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);

        PrintWriter out = spec.commandLine().getOut();
        out.println("Simulator listening url=" + simulator.baseUrl());
        out.flush();
        boolean interrupted = false;
        try {
            stopped.await();
        } catch (InterruptedException e) {
            interrupted = true;
        }
        removeHook(hook);
        simulator.close();
        if (interrupted) {
            // Restored only now: stopping the server waits for its threads and would be cut short.
            Thread.currentThread().interrupt();
        }
        return 0;
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // The JVM is already shutting down and runs the hook itself.
        }
    }
}
