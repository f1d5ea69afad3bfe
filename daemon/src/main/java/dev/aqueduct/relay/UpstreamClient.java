package dev.aqueduct.relay;

import dev.aqueduct.config.ProviderConfig;
import dev.aqueduct.models.Deployment;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import okhttp3.Call;
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
    private final Map<String, OkHttpClient> streaming = new ConcurrentHashMap<>();
    private final Map<String, OkHttpClient> whole = new ConcurrentHashMap<>();
    private final Map<String, HttpUrl> urls = new ConcurrentHashMap<>();

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

    /**
     * A call of {@code path} (below the provider's base URL) on {@code deployment}, not yet
     * executed.
     *
     * @param streamed whether the answer arrives piecemeal (an event stream) or the request body
     *     is uploaded piecemeal: then the provider's timeout bounds each wait for the next bytes;
     *     otherwise it bounds the whole call, which for a complete JSON answer is the same wait
     *     and costs one timer per call instead of one per read
     */
    Call newCall(Deployment deployment, String path, RequestBody body, Request.Builder request, boolean streamed) {
        ProviderConfig provider = deployment.provider();
        request.url(urls.computeIfAbsent(provider.name() + path, key -> url(provider, path))).post(body);
        if (provider.apiKey() != null) {
            request.header("Authorization", "Bearer " + provider.apiKey());
        }
        return (streamed ? streamingClient(provider) : wholeClient(provider)).newCall(request.build());
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

    private OkHttpClient streamingClient(ProviderConfig provider) {
        return streaming.computeIfAbsent(provider.name(), name -> shared.newBuilder()
                .connectTimeout(Duration.ofSeconds(provider.connectTimeoutSeconds()))
                .readTimeout(Duration.ofSeconds(provider.timeoutSeconds()))
                .writeTimeout(Duration.ofSeconds(provider.timeoutSeconds()))
                .build());
    }

    private OkHttpClient wholeClient(ProviderConfig provider) {
        return whole.computeIfAbsent(provider.name(), name -> shared.newBuilder()
                .connectTimeout(Duration.ofSeconds(provider.connectTimeoutSeconds()))
                .readTimeout(Duration.ZERO)
                .writeTimeout(Duration.ZERO)
                .callTimeout(Duration.ofSeconds(provider.timeoutSeconds()))
                .build());
    }

    @Override
    public void close() {
        shared.dispatcher().executorService().shutdown();
        shared.connectionPool().evictAll();
    }
}
