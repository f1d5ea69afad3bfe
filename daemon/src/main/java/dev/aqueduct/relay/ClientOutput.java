package dev.aqueduct.relay;

import dev.aqueduct.http.ExchangeIo;
import io.undertow.server.HttpServerExchange;
import java.io.IOException;
import java.io.OutputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The client's side of a relayed response. A failed write means the client went away, which
 * is told apart from upstream failures by {@link ClientGoneException}.
 */
final class ClientOutput {
    private static final Logger LOG = LoggerFactory.getLogger(ClientOutput.class);

    private final HttpServerExchange exchange;
    private final RelayExchange relay;
    private final OutputStream out;

    ClientOutput(HttpServerExchange exchange, RelayExchange relay) {
        this.exchange = exchange;
        this.relay = relay;
        this.out = ExchangeIo.output(exchange);
    }

    void write(byte[] bytes, int offset, int length) {
        relay.firstByteSent();
        relay.clientWriting(true);
        try {
            out.write(bytes, offset, length);
        } catch (IOException e) {
            throw new ClientGoneException(e);
        } finally {
            relay.clientWriting(false);
        }
    }

    void write(byte[] bytes) {
        write(bytes, 0, bytes.length);
    }

    void flush() {
        relay.clientWriting(true);
        try {
            out.flush();
        } catch (IOException e) {
            throw new ClientGoneException(e);
        } finally {
            relay.clientWriting(false);
        }
    }

    /** Closes the connection without finishing the response, so the client sees it was cut short. */
    void abort() {
        try {
            out.flush();
        } catch (IOException e) {
            LOG.debug("Client gone while aborting request={}", relay.requestId());
        }
        ExchangeIo.closeConnection(exchange);
    }
}
