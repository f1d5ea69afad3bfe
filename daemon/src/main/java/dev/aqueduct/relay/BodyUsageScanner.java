package dev.aqueduct.relay;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.async.ByteArrayFeeder;
import java.io.IOException;
import org.jspecify.annotations.Nullable;
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

    /**
     * The usage of a JSON body already whole, or null when it carries none or is not JSON. Only
     * the top-level {@code usage} and {@code response} values are read token by token; every
     * other value is skipped, which costs a fraction of reading it.
     */
    static @Nullable UsageCounts scanWhole(byte[] body) {
        UsageFieldCollector collector = new UsageFieldCollector();
        try (JsonParser parser = FACTORY.createParser(body)) {
            JsonToken token = parser.nextToken();
            if (token != JsonToken.START_OBJECT) {
                return null;
            }
            collector.accept(parser, token);
            while ((token = parser.nextToken()) == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                collector.accept(parser, token);
                JsonToken value = parser.nextToken();
                if (name.equals("usage") || name.equals("response")) {
                    collector.acceptValue(parser, value);
                } else {
                    parser.skipChildren();
                }
            }
        } catch (IOException | RuntimeException e) {
            LOG.debug("Response body is not scannable JSON reason={}", e.getMessage());
            return null;
        }
        return collector.found() ? collector.counts() : null;
    }

    /**
     * Ends the scan: the usage found, or null when the body carried none. Closing the parser
     * hands the field names it learned back to the shared factory, so that the next scan finds
     * them instead of learning them again.
     */
    @Nullable UsageCounts finish() {
        try {
            parser.close();
        } catch (IOException e) {
            LOG.debug("Closing the usage scanner failed reason={}", e.getMessage());
        }
        return collector.found() ? collector.counts() : null;
    }
}
