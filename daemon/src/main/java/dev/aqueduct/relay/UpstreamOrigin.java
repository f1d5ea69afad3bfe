package dev.aqueduct.relay;

import dev.aqueduct.config.ProviderConfig;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where a plain-HTTP provider is reached from the I/O threads: its host and port, the start of
 * every request line, and its address. The name is looked up on a virtual thread, never on an
 * I/O thread, and again once a minute, the last address serving meanwhile.
 */
final class UpstreamOrigin {
    private static final Logger LOG = LoggerFactory.getLogger(UpstreamOrigin.class);
    private static final long LOOKUP_AGE_NANOS = TimeUnit.SECONDS.toNanos(60);

    private final String host;
    private final int port;
    private final String basePath;
    private final String fixedHeaders;
    private final AtomicBoolean lookingUp = new AtomicBoolean();
    private volatile @Nullable InetSocketAddress address;
    private volatile long lookedUpAt;

    private UpstreamOrigin(String host, int port, String basePath, String fixedHeaders) {
        this.host = host;
        this.port = port;
        this.basePath = basePath;
        this.fixedHeaders = fixedHeaders;
    }

    /** The origin of {@code provider}, when it is reached over plain HTTP; TLS providers have none. */
    static Optional<UpstreamOrigin> of(ProviderConfig provider) {
        URI base = provider.baseUrl();
        if (!"http".equalsIgnoreCase(base.getScheme()) || base.getHost() == null) {
            return Optional.empty();
        }
        int port = base.getPort() < 0 ? 80 : base.getPort();
        String host = base.getHost();
        String hostHeader = port == 80 ? host : host + ":" + port;
        String path = base.getRawPath() == null ? "" : base.getRawPath();
        // Answers come uncompressed, so usage is read as they pass and nothing is decoded on an I/O thread.
        StringBuilder headers = new StringBuilder("Host: ").append(hostHeader)
                .append("\r\nAccept-Encoding: identity\r\n");
        if (provider.apiKey() != null) {
            headers.append("Authorization: Bearer ").append(provider.apiKey()).append("\r\n");
        }
        UpstreamOrigin origin = new UpstreamOrigin(host, port,
                path.endsWith("/") ? path.substring(0, path.length() - 1) : path, headers.toString());
        origin.lookUpLater();
        return Optional.of(origin);
    }

    /** The address to connect to, or null while the name has never been looked up successfully. */
    @Nullable InetSocketAddress address() {
        if (System.nanoTime() - lookedUpAt > LOOKUP_AGE_NANOS) {
            lookUpLater();
        }
        return address;
    }

    /** Identifies the origin among the pooled connections. */
    String key() {
        return host.toLowerCase(Locale.ROOT) + ":" + port;
    }

    /**
     * The request's head up to the blank line, for {@code path} below the base URL: request line,
     * {@code Host}, the provider's key, and then {@code extraHeaders} (each ending in CRLF).
     */
    byte[] requestHead(String path, int bodyLength, String extraHeaders) {
        String head = "POST " + basePath + path + " HTTP/1.1\r\n" + fixedHeaders
                + "Content-Type: application/json\r\nContent-Length: " + bodyLength + "\r\n" + extraHeaders + "\r\n";
        return head.getBytes(StandardCharsets.ISO_8859_1);
    }

    private void lookUpLater() {
        if (lookingUp.compareAndSet(false, true)) {
            Thread.ofVirtual().name("lookup-" + host).start(this::lookUp);
        }
    }

    private void lookUp() {
        try {
            InetSocketAddress found = new InetSocketAddress(host, port);
            if (found.isUnresolved()) {
                LOG.warn("Provider host not found host={}", host);
            } else {
                address = found;
            }
        } finally {
            lookedUpAt = System.nanoTime();
            lookingUp.set(false);
        }
    }
}
