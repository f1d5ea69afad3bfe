package dev.aqueduct.relay;

import dev.aqueduct.http.ApiException;
import dev.aqueduct.http.ExchangeIo;
import dev.aqueduct.models.Deployment;
import dev.aqueduct.models.Model;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okhttp3.MediaType;
import okhttp3.RequestBody;
import okio.BufferedSink;
import org.jspecify.annotations.Nullable;

/**
 * Relays a {@code multipart/form-data} upload (audio transcription and translation): reads
 * until the {@code model} field, routes on it, then streams the rest of the upload upstream as
 * it arrives. Only the model value may change on the way; every other byte is the client's.
 * The body can be sent only once, so the first deployment is the only one tried.
 */
final class MultipartRelay {
    private static final Pattern BOUNDARY = Pattern.compile("boundary=\"?([^\";]+)\"?");

    private final RelayHandler handler;
    private final HttpServerExchange exchange;
    private final RelayExchange relay;
    private final long maxBytes;

    MultipartRelay(RelayHandler handler, HttpServerExchange exchange, RelayExchange relay, long maxBytes) {
        this.handler = handler;
        this.exchange = exchange;
        this.relay = relay;
        this.maxBytes = maxBytes;
    }

    void relay() {
        String contentType = exchange.getRequestHeaders().getFirst(Headers.CONTENT_TYPE);
        String boundary = boundaryOf(contentType);
        long declared = exchange.getRequestContentLength();
        if (declared > maxBytes) {
            throw BodyReader.tooLarge(exchange, maxBytes,
                    declared - maxBytes <= BodyReader.DISCARD_LIMIT && !BodyReader.awaitsContinue(exchange));
        }
        InputStream in = ExchangeIo.input(exchange);
        MultipartModelFinder finder = new MultipartModelFinder(boundary);
        MultipartModelFinder.Found found = readUntilModel(in, finder);
        Model model = handler.resolve(found.model(), relay);
        Deployment deployment = model.deployments().getFirst();
        UploadBody body = new UploadBody(MediaType.get(contentType), boundary, finder, found,
                deployment.upstreamModel(), in, declared);
        try {
            handler.sendWithFailover(exchange, relay, List.of(deployment), d -> body,
                    UpstreamClient.Timing.EACH_SOCKET_OPERATION, false);
        } catch (ApiException e) {
            // The upload failing on the client's side surfaces upstream as a failed call.
            if (body.tooLarge) {
                throw BodyReader.tooLarge(exchange, maxBytes, true);
            }
            if (body.secondModel) {
                throw ApiException.badRequest("model", "The upload has more than one 'model' field");
            }
            if (body.clientFailed) {
                throw new UncheckedIOException(new IOException("Client stopped sending the upload"));
            }
            throw e;
        }
    }

    private static String boundaryOf(@Nullable String contentType) {
        if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith("multipart/form-data")) {
            throw ApiException.badRequest(null, "This endpoint takes a multipart/form-data upload");
        }
        Matcher matcher = BOUNDARY.matcher(contentType);
        if (!matcher.find()) {
            throw ApiException.badRequest(null, "The multipart Content-Type has no boundary");
        }
        return matcher.group(1);
    }

    private MultipartModelFinder.Found readUntilModel(InputStream in, MultipartModelFinder finder) {
        byte[] chunk = new byte[16 * 1024];
        try {
            while (true) {
                int n = in.read(chunk);
                if (n == -1) {
                    throw ApiException.badRequest("model", "you must provide a model parameter");
                }
                if (finder.length() + n > maxBytes) {
                    throw BodyReader.tooLarge(exchange, maxBytes, true);
                }
                MultipartModelFinder.Found found = finder.append(chunk, n);
                if (found != null) {
                    return found;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Client stopped sending the upload", e);
        }
    }

    /** The upload as sent upstream: the bytes read so far, model renamed, then the rest of the stream. */
    private final class UploadBody extends RequestBody {
        private final MediaType type;
        private final String boundary;
        private final MultipartModelFinder finder;
        private final MultipartModelFinder.Found found;
        private final byte[] model;
        private final InputStream rest;
        private final long length;
        private volatile boolean tooLarge;
        private volatile boolean clientFailed;
        private volatile boolean secondModel;

        UploadBody(MediaType type, String boundary, MultipartModelFinder finder, MultipartModelFinder.Found found,
                String model, InputStream rest, long declared) {
            this.type = type;
            this.boundary = boundary;
            this.finder = finder;
            this.found = found;
            this.model = model.getBytes(StandardCharsets.UTF_8);
            this.rest = rest;
            this.length = declared < 0 ? -1 : declared - (found.valueEnd() - found.valueStart()) + this.model.length;
        }

        @Override
        public MediaType contentType() {
            return type;
        }

        @Override
        public long contentLength() {
            return length;
        }

        @Override
        public boolean isOneShot() {
            return true;
        }

        @Override
        public void writeTo(BufferedSink sink) throws IOException {
            byte[] read = finder.bytes();
            ModelPartWatcher watcher = new ModelPartWatcher(boundary);
            checkNoSecondModel(watcher, read, found.valueEnd(), finder.length() - found.valueEnd());
            sink.write(read, 0, found.valueStart());
            sink.write(model);
            sink.write(read, found.valueEnd(), finder.length() - found.valueEnd());
            long total = finder.length();
            byte[] chunk = new byte[16 * 1024];
            int n;
            while ((n = readClient(chunk)) != -1) {
                total += n;
                if (total > maxBytes) {
                    tooLarge = true;
                    throw new IOException("Upload is larger than " + maxBytes + " bytes");
                }
                checkNoSecondModel(watcher, chunk, 0, n);
                sink.write(chunk, 0, n);
            }
        }

        /** Stops the upload before a second model part reaches the provider. */
        private void checkNoSecondModel(ModelPartWatcher watcher, byte[] bytes, int offset, int count)
                throws IOException {
            if (watcher.feed(bytes, offset, count)) {
                secondModel = true;
                throw new IOException("The upload has a second model field");
            }
        }

        private int readClient(byte[] chunk) throws IOException {
            try {
                return rest.read(chunk);
            } catch (IOException e) {
                clientFailed = true;
                throw e;
            }
        }
    }
}
