package dev.aqueduct.server;

import dev.aqueduct.admin.AdminApi;
import dev.aqueduct.auth.KeyAuthenticator;
import dev.aqueduct.config.GatewayConfig;
import dev.aqueduct.config.MetricsConfig;
import dev.aqueduct.keys.KeyService;
import dev.aqueduct.metrics.GatewayMetrics;
import dev.aqueduct.metrics.MetricsHandler;
import dev.aqueduct.models.Deployment;
import dev.aqueduct.models.Model;
import dev.aqueduct.models.ModelCatalog;
import dev.aqueduct.models.ModelsHandler;
import dev.aqueduct.oidc.OidcSignIn;
import dev.aqueduct.relay.FastLane;
import dev.aqueduct.relay.RelayHandler;
import dev.aqueduct.relay.UpstreamClient;
import dev.aqueduct.store.Database;
import dev.aqueduct.usage.UsageBuffer;
import dev.aqueduct.usage.UsageEvent;
import dev.aqueduct.usage.UsagePruner;
import dev.aqueduct.usage.UsageStats;
import dev.aqueduct.usage.UsageWriter;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running gateway: database, key checks, usage writer and pruner, upstream client, sign-in,
 * admin API and HTTP server, started in dependency order and stopped in reverse, so that a
 * graceful stop finishes open requests first and then stores every buffered usage event.
 */
public final class Daemon implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Daemon.class);

    private final GatewayConfig config;
    private final Deque<AutoCloseable> started;
    private final UsageWriter usageWriter;
    private final GatewayServer server;
    private boolean stopped;

    private Daemon(GatewayConfig config, Deque<AutoCloseable> started, UsageWriter usageWriter,
            GatewayServer server) {
        this.config = config;
        this.started = started;
        this.usageWriter = usageWriter;
        this.server = server;
    }

    /** Opens the database (migrating it), starts the usage writer and begins listening. */
    public static Daemon start(GatewayConfig config) {
        Deque<AutoCloseable> started = new ArrayDeque<>();
        try {
            return start(config, started);
        } catch (RuntimeException e) {
            closeAll(started);
            throw e;
        }
    }

    private static Daemon start(GatewayConfig config, Deque<AutoCloseable> started) {
        Clock clock = Clock.systemUTC();
        Database database = opened(started, Database.open(config.database()));
        KeyService keys = new KeyService(database.jdbi(), clock);
        KeyAuthenticator authenticator = new KeyAuthenticator(keys::findByHash,
                Duration.ofSeconds(config.auth().keyCacheSeconds()), clock);
        UsageWriter writer = opened(started, new UsageWriter(database,
                new UsageBuffer(config.usage().bufferSize()), keys, config.usage()));
        writer.start();
        if (config.usage().retentionDays() > 0) {
            opened(started, new UsagePruner(database.jdbi(), config.usage().retentionDays(), clock)).start();
        }
        UpstreamClient upstream = opened(started, new UpstreamClient());
        ModelCatalog catalog = ModelCatalog.from(config);
        GatewayMetrics metrics = metrics(config.metrics(), catalog, writer::stats);
        Consumer<UsageEvent> usageSink = metrics.enabled() ? event -> {
            metrics.record(event);
            writer.accept(event);
        } : writer;
        RelayHandler relay = new RelayHandler(catalog, upstream, usageSink, config.server().maxBodyBytes(),
                metrics::recordFailover);
        OidcSignIn signIn = OidcSignIn.fromConfig(config, database.jdbi(), clock).map(s -> opened(started, s))
                .orElse(null);
        AdminApi admin = new AdminApi(database.jdbi(), clock, keys, authenticator, catalog, signIn);
        GatewayServer server = new GatewayServer(config.server().host(), config.server().port(),
                config.server().maxBodyBytes() + RelayHandler.DISCARD_LIMIT_BYTES,
                new GatewayRoutes(authenticator, new ModelsHandler(catalog, clock.instant().getEpochSecond()), relay,
                        metrics, new MetricsHandler(metrics, config.metrics().token()),
                        new ReadinessCheck(database::unreadyReason, System::nanoTime), admin,
                        fastLane(config, catalog, usageSink, metrics)));
        server.start();
        Daemon daemon = new Daemon(config, started, writer, server);
        LOG.info("Gateway listening host={} port={} database={} models={} sign_in={}", config.server().host(),
                daemon.port(), database.isSqlite() ? "sqlite" : "postgresql", config.models().size(),
                signIn == null ? "off" : "oidc");
        return daemon;
    }

    /**
     * The relay's fast lane on the I/O threads, unless {@code server.fast-relay} turns it off or
     * usage is stored strictly: then the relay waits for each event to reach the disk, which
     * only a virtual thread may.
     */
    private static @Nullable FastLane fastLane(GatewayConfig config, ModelCatalog catalog,
            Consumer<UsageEvent> usageSink, GatewayMetrics metrics) {
        if (!config.server().fastRelay() || config.usage().strict()) {
            return null;
        }
        return new FastLane(catalog, usageSink, metrics::recordFailover, config.server().maxBodyBytes());
    }

    private static <T extends AutoCloseable> T opened(Deque<AutoCloseable> started, T part) {
        started.push(part);
        return part;
    }

    private static GatewayMetrics metrics(MetricsConfig config, ModelCatalog catalog, Supplier<UsageStats> usage) {
        if (!config.enabled()) {
            return GatewayMetrics.disabled();
        }
        List<String> modelNames = catalog.models().stream().map(Model::name).toList();
        List<String> deployments = catalog.models().stream()
                .flatMap(model -> model.deployments().stream().map(Deployment::label)).distinct().toList();
        return GatewayMetrics.create(RelayHandler.paths(), modelNames, deployments, usage);
    }

    /** The port the gateway listens on. */
    public int port() {
        return server.port();
    }

    /** The usage path's state and counts since start, for metrics. */
    public UsageStats usageStats() {
        return usageWriter.stats();
    }

    /**
     * Stops gracefully: open requests finish (up to the configured grace), then the parts close
     * in reverse order of their start, the usage writer storing every buffered event on its way.
     */
    @Override
    public synchronized void close() {
        if (stopped) {
            return;
        }
        stopped = true;
        LOG.info("Gateway stopping grace_seconds={}", config.server().shutdownTimeoutSeconds());
        server.stop(Duration.ofSeconds(config.server().shutdownTimeoutSeconds()));
        closeAll(started);
        LOG.info("Gateway stopped");
    }

    private static void closeAll(Deque<AutoCloseable> parts) {
        while (!parts.isEmpty()) {
            AutoCloseable part = parts.pop();
            try {
                part.close();
            } catch (Exception e) {
                LOG.error("Part failed to close part={}", part.getClass().getSimpleName(), e);
            }
        }
    }
}
