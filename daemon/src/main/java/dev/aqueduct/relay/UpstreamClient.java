package dev.aqueduct.relay;

import dev.aqueduct.config.ProviderConfig;
import dev.aqueduct.models.Deployment;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import okhttp3.ConnectionPool;
import okhttp3.Dispatcher;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;

/**
 * The one HTTP client every upstream call goes through: a shared connection pool, and per
 * provider only the timeouts differ. Redirects are not followed, so a provider cannot bounce a
 * request (and its key) elsewhere.
 */
public final class UpstreamClient implements AutoCloseable {
    private final OkHttpClient shared;
    private final Map<String, OkHttpClient> socketTimed = new ConcurrentHashMap<>();
    private final Map<String, OkHttpClient> deadlined = new ConcurrentHashMap<>();
    private final Map<String, HttpUrl> urls = new ConcurrentHashMap<>();
    private final CallDeadlines deadlines = new CallDeadlines();

    public UpstreamClient() {
        Dispatcher dispatcher = new Dispatcher();
        dispatcher.setMaxRequests(4096);
        dispatcher.setMaxRequestsPerHost(4096);
        this.shared = new OkHttpClient.Builder()
                .connectionPool(new ConnectionPool(512, 5, TimeUnit.MINUTES))
                .dispatcher(dispatcher)
                .followRedirects(false)
                .followSslRedirects(false)
                .build();
    }

    /** How the provider's timeout bounds a call. */
    enum Timing {
        /** The whole call, for an answer that comes whole: one deadline per call. */
        WHOLE_CALL,
        /** Each wait for the answer's next bytes, for a streamed answer to a request in memory. */
        BETWEEN_READS,
        /** Each read and write on the socket, for a request body uploaded piecemeal. */
        EACH_SOCKET_OPERATION
    }

    /**
     * A call of {@code path} (below the provider's base URL) on {@code deployment}, not yet
     * executed, its wait for the provider bounded by the provider's timeout as {@code timing}
     * says.
     */
    UpstreamCall newCall(Deployment deployment, String path, RequestBody body, Request.Builder request,
            Timing timing) {
        ProviderConfig provider = deployment.provider();
        request.url(urls.computeIfAbsent(provider.name() + path, key -> url(provider, path))).post(body);
        if (provider.apiKey() != null) {
            request.header("Authorization", "Bearer " + provider.apiKey());
        }
        if (timing == Timing.EACH_SOCKET_OPERATION) {
            return new UpstreamCall(socketTimedClient(provider).newCall(request.build()), null);
        }
        UpstreamCall call = new UpstreamCall(deadlineClient(provider).newCall(request.build()), deadlines);
        deadlines.watch(call, Duration.ofSeconds(provider.timeoutSeconds()), timing == Timing.BETWEEN_READS);
        return call;
    }

    private static HttpUrl url(ProviderConfig provider, String path) {
        String base = provider.baseUrl().toString();
        String joined = base.endsWith("/") ? base.substring(0, base.length() - 1) + path : base + path;
        HttpUrl url = HttpUrl.parse(joined);
        if (url == null) {
            throw new IllegalStateException("Provider base URL was validated at start: " + base);
        }
        return url;
    }

    private OkHttpClient socketTimedClient(ProviderConfig provider) {
        return socketTimed.computeIfAbsent(provider.name(), name -> shared.newBuilder()
                .connectTimeout(Duration.ofSeconds(provider.connectTimeoutSeconds()))
                .readTimeout(Duration.ofSeconds(provider.timeoutSeconds()))
                .writeTimeout(Duration.ofSeconds(provider.timeoutSeconds()))
                .build());
    }

    private OkHttpClient deadlineClient(ProviderConfig provider) {
        return deadlined.computeIfAbsent(provider.name(), name -> shared.newBuilder()
                .connectTimeout(Duration.ofSeconds(provider.connectTimeoutSeconds()))
                .readTimeout(Duration.ZERO)
                .writeTimeout(Duration.ZERO)
                .build());
    }

    @Override
    public void close() {
        deadlines.close();
        shared.dispatcher().executorService().shutdown();
        shared.connectionPool().evictAll();
    }
}
