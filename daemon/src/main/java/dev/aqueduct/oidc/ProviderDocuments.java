package dev.aqueduct.oidc;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.BufferedSource;
import org.jspecify.annotations.Nullable;

/**
 * Fetches the provider's small JSON documents (discovery and key set) with short timeouts, no
 * redirects and a size limit, so a slow or hostile provider cannot hold or flood the gateway.
 */
final class ProviderDocuments implements AutoCloseable {
    static final long MAX_BYTES = 512 * 1024;

    private final OkHttpClient client;

    ProviderDocuments(Duration timeout) {
        this.client = new OkHttpClient.Builder()
                .connectTimeout(timeout)
                .readTimeout(timeout)
                .callTimeout(timeout.multipliedBy(2))
                .followRedirects(false)
                .followSslRedirects(false)
                .build();
    }

    /**
     * The body of a successful GET of {@code url}.
     *
     * @throws SignInRejectedException with {@link RejectReason#PROVIDER_UNAVAILABLE} on any failure
     */
    String fetch(URI url) {
        Request request = new Request.Builder().url(url.toString()).header("Accept", "application/json").build();
        try (Response response = client.newCall(request).execute()) {
            if (response.code() != 200) {
                throw unavailable(url, "status " + response.code(), null);
            }
            return readLimited(url, response.body());
        } catch (IOException e) {
            throw unavailable(url, e.getClass().getSimpleName() + ": " + e.getMessage(), e);
        }
    }

    private static String readLimited(URI url, ResponseBody body) throws IOException {
        BufferedSource source = body.source();
        if (source.request(MAX_BYTES + 1)) {
            throw unavailable(url, "document larger than " + MAX_BYTES + " bytes", null);
        }
        return source.getBuffer().readUtf8();
    }

    private static SignInRejectedException unavailable(URI url, String why, @Nullable Throwable cause) {
        String detail = "cannot fetch " + url + ": " + why;
        return cause == null ? new SignInRejectedException(RejectReason.PROVIDER_UNAVAILABLE, detail)
                : new SignInRejectedException(RejectReason.PROVIDER_UNAVAILABLE, detail, cause);
    }

    @Override
    public void close() {
        client.dispatcher().executorService().shutdown();
        client.connectionPool().evictAll();
    }
}
