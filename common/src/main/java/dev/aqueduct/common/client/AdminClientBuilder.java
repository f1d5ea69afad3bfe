package dev.aqueduct.common.client;

import java.time.Duration;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import org.jspecify.annotations.Nullable;

/** Settings of an {@link AdminClient}: the server, the bearer token and how long to wait. */
public final class AdminClientBuilder {
    /** How long a connection may take to open unless set otherwise. */
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    /** How long a whole call may take unless set otherwise; usage reports over long windows take longest. */
    public static final Duration DEFAULT_CALL_TIMEOUT = Duration.ofSeconds(60);

    private final HttpUrl base;
    private @Nullable String token;
    private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
    private Duration callTimeout = DEFAULT_CALL_TIMEOUT;

    AdminClientBuilder(String baseUrl) {
        this.base = apiBase(baseUrl);
    }

    /**
     * The admin API's URL for a server URL such as {@code https://gateway.example.com} or
     * {@code http://127.0.0.1:8080/}; a URL that already ends in {@code /admin/v1} is kept.
     *
     * @throws IllegalArgumentException when {@code baseUrl} is not an http or https URL
     */
    static HttpUrl apiBase(String baseUrl) {
        HttpUrl url = HttpUrl.parse(baseUrl.strip());
        if (url == null || url.query() != null || url.fragment() != null) {
            throw new IllegalArgumentException("'" + baseUrl + "' is not an http or https URL such as"
                    + " http://127.0.0.1:8080");
        }
        String path = url.encodedPath().replaceAll("/+$", "");
        if (path.endsWith(AdminClient.API_PATH)) {
            path = path.substring(0, path.length() - AdminClient.API_PATH.length());
        }
        return url.newBuilder().encodedPath(path + AdminClient.API_PATH).build();
    }

    /**
     * The bearer token sent with every call: a management key ({@code aqm-...}) or a token the
     * gateway accepts from its sign-in. Without one, every call but the open ones is refused.
     *
     * @throws IllegalArgumentException when the token holds spaces or control characters, which
     *     no token has; the message does not repeat the token
     */
    public AdminClientBuilder token(@Nullable String token) {
        if (token != null && (token.isBlank() || !token.chars().allMatch(c -> c > 0x20 && c < 0x7f))) {
            throw new IllegalArgumentException("The token is empty or holds spaces or characters no token has");
        }
        this.token = token;
        return this;
    }

    /** How long opening a connection may take. */
    public AdminClientBuilder connectTimeout(Duration timeout) {
        this.connectTimeout = positive(timeout);
        return this;
    }

    /** How long a whole call may take, from sending the request to reading the answer. */
    public AdminClientBuilder callTimeout(Duration timeout) {
        this.callTimeout = positive(timeout);
        return this;
    }

    private static Duration positive(Duration timeout) {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("A timeout must be positive, not " + timeout);
        }
        return timeout;
    }

    public AdminClient build() {
        OkHttpClient http = new OkHttpClient.Builder()
                .connectTimeout(connectTimeout)
                .readTimeout(callTimeout)
                .writeTimeout(callTimeout)
                .callTimeout(callTimeout)
                // Calls that change things must never be sent twice behind the caller's back.
                .retryOnConnectionFailure(false)
                .followRedirects(false)
                .build();
        return new AdminClient(new AdminHttp(http, base, token, callTimeout));
    }
}
