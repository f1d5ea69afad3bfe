package dev.aqueduct.relay;

import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;
import org.jspecify.annotations.Nullable;

/**
 * A provider's answer on its way to the client on the I/O thread, counted as it goes. A small
 * answer of known length is gathered and sent in one write; an event stream goes through a
 * {@link SseFilter} event by event; any other body streams through with its usage scanned; an
 * error body is passed on, its first 1 MiB, with the provider's key scrubbed. A gzip body the
 * provider sent unasked is decoded first, so headers and bytes stay consistent.
 */
final class FastLaneAnswer {
    private enum Kind { WHOLE, STREAM, EVENTS, ERROR }

    private static final int WHOLE_LIMIT = 1024 * 1024;
    private static final int DECODED_LIMIT = 64 * 1024 * 1024;

    private final FastLaneRelay owner;
    private final HttpServerExchange exchange;
    private final RelayExchange relay;
    private final Kind kind;
    private final boolean gzip;
    private final boolean json;
    private final @Nullable String providerKey;
    private final ClientSink sink;
    private final @Nullable SseFilter events;
    private final @Nullable BodyUsageScanner scanner;
    private byte[] gathered;
    private int size;

    FastLaneAnswer(FastLaneRelay owner, HttpServerExchange exchange, RelayExchange relay, UpstreamHead head,
            boolean stripUsage, @Nullable String providerKey) {
        this.owner = owner;
        this.exchange = exchange;
        this.relay = relay;
        this.providerKey = providerKey;
        exchange.setStatusCode(head.status());
        relay.status(head.status());
        HeaderPolicy.copyUpstreamHead(head, exchange.getResponseHeaders());
        String encoding = head.header("content-encoding");
        this.gzip = encoding != null && encoding.strip().equalsIgnoreCase("gzip");
        if (gzip) {
            exchange.getResponseHeaders().remove(Headers.CONTENT_ENCODING);
        }
        this.sink = new ClientSink(exchange, owner);
        long declared = declaredLength(head);
        String type = head.contentType();
        this.kind = !head.successful() ? Kind.ERROR : ResponseRelay.isEventStream(type) ? Kind.EVENTS
                : declared >= 0 && declared <= WHOLE_LIMIT ? Kind.WHOLE : Kind.STREAM;
        this.events = kind == Kind.EVENTS ? new SseFilter(relay, this::write, stripUsage) : null;
        this.json = ResponseRelay.isJson(type);
        this.scanner = json && kind == Kind.STREAM ? new BodyUsageScanner() : null;
        this.gathered = new byte[gzip || kind == Kind.WHOLE || kind == Kind.ERROR
                ? declared > 0 && declared <= WHOLE_LIMIT ? (int) declared : 8192 : 0];
    }

    /** Takes the next bytes of the answer; the array may be reused once this returns. */
    void body(byte[] bytes, int offset, int length) {
        if (gzip || kind == Kind.WHOLE || kind == Kind.ERROR) {
            gather(bytes, offset, length);
        } else {
            pass(bytes, offset, length);
        }
    }

    /** One read from the provider has been handled: what it produced goes to the client now, in one write. */
    void readDone() {
        sink.send();
    }

    /** Whether the client has not taken what it was sent yet, so the provider's answer should wait. */
    boolean backedUp() {
        return sink.backedUp();
    }

    /** The answer is whole: counts it and ends the response. */
    void end() {
        byte[] bytes = Arrays.copyOf(gathered, size);
        if (gzip) {
            try {
                bytes = gunzip(bytes, kind == Kind.ERROR ? ResponseRelay.MAX_ERROR_BYTES : -1);
            } catch (IOException e) {
                broken();
                return;
            }
        }
        switch (kind) {
            case ERROR -> sendWhole(ResponseRelay.scrubbed(bytes, providerKey));
            case WHOLE -> {
                scan(bytes);
                sendWhole(bytes);
            }
            case EVENTS, STREAM -> {
                if (gzip) {
                    pass(bytes, 0, bytes.length);
                }
                finishStream(false);
            }
            default -> throw new IllegalStateException(kind.name());
        }
    }

    /** The provider broke the answer off: a stream ends as an error, an answer not yet sent becomes a 502. */
    void broken() {
        if (gzip || kind == Kind.WHOLE || kind == Kind.ERROR) {
            relay.usageOrEstimate(null);
            owner.answerCutShort();
            return;
        }
        finishStream(true);
    }

    /** The client left: counts what it was sent. */
    void countUsageSoFar() {
        if (events != null) {
            events.recordUsage();
        } else {
            countScanned();
        }
    }

    private void pass(byte[] bytes, int offset, int length) {
        if (events != null) {
            events.feed(bytes, offset, length);
            return;
        }
        if (scanner != null) {
            scanner.feed(bytes, offset, length);
        }
        write(bytes, offset, length);
    }

    private void write(byte[] bytes, int offset, int length) {
        relay.firstByteSent();
        sink.stage(bytes, offset, length);
    }

    private void finishStream(boolean broken) {
        if (events == null) {
            countScanned();
            if (broken) {
                relay.status(502);
                owner.record();
                sink.cut();
            } else {
                owner.record();
                sink.end();
            }
            return;
        }
        events.recordUsage();
        if (events.complete(broken)) {
            owner.record();
            sink.end();
        } else {
            events.writeIncomplete();
            owner.record();
            sink.cut();
        }
    }

    private void scan(byte[] bytes) {
        relay.usageOrEstimate(json ? BodyUsageScanner.scanWhole(bytes) : null);
    }

    private void countScanned() {
        relay.usageOrEstimate(scanner == null ? null : scanner.finish());
    }

    private void sendWhole(byte[] bytes) {
        relay.firstByteSent();
        owner.record();
        if (!gzip) {
            // Whole and known: sent with its length, headers and body in one write.
            exchange.setResponseContentLength(bytes.length);
        }
        sink.stage(bytes, 0, bytes.length);
        sink.end();
    }

    private void gather(byte[] bytes, int offset, int length) {
        int limit = kind == Kind.ERROR && !gzip ? ResponseRelay.MAX_ERROR_BYTES : DECODED_LIMIT;
        int taken = Math.min(length, limit - size);
        if (taken <= 0) {
            return;
        }
        if (size + taken > gathered.length) {
            gathered = Arrays.copyOf(gathered, Math.max(gathered.length * 2, size + taken));
        }
        System.arraycopy(bytes, offset, gathered, size, taken);
        size += taken;
    }

    /** The decoded body; with a {@code keep} of zero or more, only its first {@code keep} bytes. */
    private static byte[] gunzip(byte[] bytes, int keep) throws IOException {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
            if (keep >= 0) {
                return in.readNBytes(keep);
            }
            byte[] decoded = in.readNBytes(DECODED_LIMIT + 1);
            if (decoded.length > DECODED_LIMIT) {
                throw new IOException("the provider's gzip body decodes to over " + DECODED_LIMIT + " bytes");
            }
            return decoded;
        }
    }

    private static long declaredLength(UpstreamHead head) {
        String length = head.header("content-length");
        if (length == null || head.header("transfer-encoding") != null) {
            return -1;
        }
        try {
            return Long.parseLong(length.strip());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
