package dev.aqueduct.server;

import dev.aqueduct.admin.AdminApi;
import dev.aqueduct.auth.KeyAuthenticator;
import dev.aqueduct.config.GatewayConfig;
import dev.aqueduct.keys.KeyService;
import dev.aqueduct.models.ModelCatalog;
import dev.aqueduct.models.ModelsHandler;
import dev.aqueduct.relay.RelayHandler;
import dev.aqueduct.relay.UpstreamClient;
import dev.aqueduct.store.Database;
import dev.aqueduct.usage.UsageBuffer;
import dev.aqueduct.usage.UsagePruner;
import dev.aqueduct.usage.UsageWriter;
import java.time.Clock;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running gateway: database, key checks, usage writer, upstream client and HTTP server,
 * started in dependency order and stopped in reverse, so that a graceful stop finishes open
 * requests first and then stores every buffered usage event.
 */
public final class Daemon implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Daemon.class);

    private final GatewayConfig config;
    private final Database database;
    private final UsageWriter usageWriter;
    private final @Nullable UsagePruner pruner;
    private final UpstreamClient upstream;
    private final GatewayServer server;
    private boolean stopped;

    private Daemon(GatewayConfig config, Database database, UsageWriter usageWriter, @Nullable UsagePruner pruner,
            UpstreamClient upstream, GatewayServer server) {
        this.config = config;
        this.database = database;
        this.usageWriter = usageWriter;
        this.pruner = pruner;
        this.upstream = upstream;
        this.server = server;
    }

    /** Opens the database (migrating it), starts the usage writer and begins listening. */
    public static Daemon start(GatewayConfig config) {
        Clock clock = Clock.systemUTC();
        Database database = Database.open(config.database());
        KeyService keys = new KeyService(database.jdbi(), clock);
        KeyAuthenticator authenticator = new KeyAuthenticator(keys::findByHash,
                Duration.ofSeconds(config.auth().keyCacheSeconds()), clock);
        UsageBuffer buffer = new UsageBuffer(config.usage().bufferSize());
        UsageWriter writer = new UsageWriter(database, buffer, keys, config.usage());
        writer.start();
        UsagePruner pruner = startPruner(config, database, clock);
        UpstreamClient upstream = new UpstreamClient();
        ModelCatalog catalog = ModelCatalog.from(config);
        RelayHandler relay = new RelayHandler(catalog, upstream, buffer::offer, config.server().maxBodyBytes());
        ModelsHandler models = new ModelsHandler(catalog, clock.instant().getEpochSecond());
        AdminApi admin = new AdminApi(database.jdbi(), clock, keys, authenticator, catalog, null);
        GatewayServer server = new GatewayServer(config.server().host(), config.server().port(),
                config.server().maxBodyBytes() + RelayHandler.DISCARD_LIMIT_BYTES,
                new GatewayRoutes(authenticator, models, relay,
                        new ReadinessCheck(database::unreadyReason, System::nanoTime), admin));
        try {
            server.start();
        } catch (RuntimeException e) {
            writer.close();
            if (pruner != null) {
                pruner.close();
            }
            upstream.close();
            database.close();
            throw e;
        }
        Daemon daemon = new Daemon(config, database, writer, pruner, upstream, server);
        LOG.info("Gateway listening host={} port={} database={} models={}", config.server().host(), daemon.port(),
                database.isSqlite() ? "sqlite" : "postgresql", config.models().size());
        return daemon;
    }

    /** Starts pruning old usage events, unless {@code usage.retention-days} is 0 (keep forever). */
    private static @Nullable UsagePruner startPruner(GatewayConfig config, Database database, Clock clock) {
        if (config.usage().retentionDays() == 0) {
            return null;
        }
        UsagePruner pruner = new UsagePruner(database.jdbi(), config.usage().retentionDays(), clock);
        pruner.start();
        return pruner;
    }

    /** The port the gateway listens on. */
    public int port() {
        return server.port();
    }

    /** Stops gracefully: open requests finish (up to the configured grace), then usage is stored. */
    @Override
    public synchronized void close() {
        if (stopped) {
            return;
        }
        stopped = true;
        LOG.info("Gateway stopping grace_seconds={}", config.server().shutdownTimeoutSeconds());
        server.stop(Duration.ofSeconds(config.server().shutdownTimeoutSeconds()));
        usageWriter.close();
        if (pruner != null) {
            pruner.close();
        }
        upstream.close();
        database.close();
        LOG.info("Gateway stopped");
    }
}
