package dev.aqueduct.relay;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.async.ByteArrayFeeder;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the {@code usage} of a JSON response while its bytes stream past to the client, with
 * Jackson's non-blocking parser: nothing is held back and nothing is buffered whole. A body that
 * is not JSON simply yields no usage.
 */
final class BodyUsageScanner {
    private static final Logger LOG = LoggerFactory.getLogger(BodyUsageScanner.class);
    private static final JsonFactory FACTORY = new JsonFactory();

    private final UsageFieldCollector collector = new UsageFieldCollector();
    private JsonParser parser;
    private boolean failed;

    BodyUsageScanner() {
        try {
            parser = FACTORY.createNonBlockingByteArrayParser();
        } catch (IOException e) {
            throw new IllegalStateException("Jackson cannot create a non-blocking parser", e);
        }
    }

    /** Reads the next piece of the body; the array may be reused once this returns. */
    void feed(byte[] bytes, int offset, int length) {
        if (failed || length == 0) {
            return;
        }
        try {
            ((ByteArrayFeeder) parser.getNonBlockingInputFeeder()).feedInput(bytes, offset, offset + length);
            drain();
        } catch (IOException | RuntimeException e) {
            failed = true;
            LOG.debug("Response body is not scannable JSON reason={}", e.getMessage());
        }
    }

    private void drain() throws IOException {
        JsonToken token;
        while ((token = parser.nextToken()) != null && token != JsonToken.NOT_AVAILABLE) {
            collector.accept(parser, token);
        }
    }

    /** Whether the body carried a usage object. */
    boolean found() {
        return collector.found();
    }

    UsageCounts counts() {
        return collector.counts();
    }
}
