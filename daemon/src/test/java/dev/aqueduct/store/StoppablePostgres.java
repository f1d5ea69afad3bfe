package dev.aqueduct.store;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/**
 * A PostgreSQL server of one test's own, for outages: {@link #stop} shuts it down the way an
 * operator would ({@code pg_ctl stop}, which ends every session), and {@link #start} brings it
 * back on the same port with the same data. Its data lives in the test's directory.
 */
public final class StoppablePostgres implements AutoCloseable {
    private final int port;
    private final Path dataDirectory;
    private @Nullable EmbeddedPostgres server;

    private StoppablePostgres(int port, Path dataDirectory) {
        this.port = port;
        this.dataDirectory = dataDirectory;
    }

    /** A server on a free port with a fresh cluster in {@code dataDirectory}, not yet started. */
    public static StoppablePostgres in(Path dataDirectory) {
        return new StoppablePostgres(freePort(), dataDirectory);
    }

    /** The JDBC URL of its {@code postgres} database, as the {@code postgres} superuser. */
    public String url() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/postgres?user=postgres";
    }

    /** Starts the server, creating the cluster on the first start; returns once it accepts connections. */
    public synchronized void start() {
        if (server != null) {
            return;
        }
        try {
            server = TestPostgres.builder(port, dataDirectory).setCleanDataDirectory(false).start();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start PostgreSQL in " + dataDirectory, e);
        }
    }

    /** Stops the server and waits until it has; every open connection is ended. */
    public synchronized void stop() {
        if (server == null) {
            return;
        }
        try {
            server.close();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot stop PostgreSQL in " + dataDirectory, e);
        }
        server = null;
    }

    @Override
    public void close() {
        stop();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
