package dev.aqueduct.http;

import io.undertow.server.AbstractServerConnection;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.AttachmentKey;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xnio.IoUtils;
import org.xnio.StreamConnection;
import org.xnio.channels.StreamSinkChannel;
import org.xnio.channels.StreamSourceChannel;

/**
 * Blocking request and response streams for handlers running on virtual threads, and the one
 * correct way to finish an exchange that used them.
 *
 * <p>Undertow's own blocking streams wait for a slow peer in a selector, which holds a carrier
 * thread, and end the exchange on the calling thread, which makes the connection's I/O thread
 * spin while the connection is handed back. These streams park the virtual thread instead, and
 * {@link #finish} ends the exchange on the I/O thread.
 */
public final class ExchangeIo {
    /** How long a client may leave the gateway waiting, reading its body or taking its answer. */
    public static final Duration CLIENT_TIMEOUT = Duration.ofSeconds(120);

    private static final Logger LOG = LoggerFactory.getLogger(ExchangeIo.class);
    private static final AttachmentKey<ChannelInputStream> INPUT = AttachmentKey.create(ChannelInputStream.class);
    private static final AttachmentKey<ChannelOutputStream> OUTPUT = AttachmentKey.create(ChannelOutputStream.class);

    private ExchangeIo() {
    }

    /** The request body; the same stream on every call. */
    public static InputStream input(HttpServerExchange exchange) {
        ChannelInputStream input = exchange.getAttachment(INPUT);
        if (input == null) {
            StreamSourceChannel request = exchange.getRequestChannel();
            input = new ChannelInputStream(request, connection(exchange).getSourceChannel(), CLIENT_TIMEOUT);
            exchange.putAttachment(INPUT, input);
        }
        return input;
    }

    /**
     * The response body; the same stream on every call. Status and headers must be final before
     * the first call: they are committed when the stream is created, with {@code Connection:
     * close} when the request's body has not been read to its end (see {@link #finish}).
     */
    public static OutputStream output(HttpServerExchange exchange) {
        ChannelOutputStream output = exchange.getAttachment(OUTPUT);
        if (output == null) {
            if (!exchange.isRequestComplete()) {
                exchange.setPersistent(false);
            }
            StreamSinkChannel response = exchange.getResponseChannel();
            output = new ChannelOutputStream(response, connection(exchange).getSinkChannel(), CLIENT_TIMEOUT);
            exchange.putAttachment(OUTPUT, output);
        }
        return output;
    }

    /** Drops the connection, so a response or request cut short can never pass for a whole one. */
    public static void closeConnection(HttpServerExchange exchange) {
        exchange.setPersistent(false);
        IoUtils.safeClose(exchange.getConnection());
    }

    private static StreamConnection connection(HttpServerExchange exchange) {
        return ((AbstractServerConnection) exchange.getConnection()).getChannel();
    }

    /**
     * Sends what is buffered, then lets the connection's I/O thread end the exchange: it closes
     * the response without blocking and re-arms the connection for the next request. A request
     * answered before its body was read to the end (refused early) loses its connection instead:
     * keeping it would mean waiting for a body the client may never send.
     */
    public static void finish(HttpServerExchange exchange) {
        if (!exchange.isRequestComplete()) {
            exchange.setPersistent(false);
        }
        ChannelOutputStream output = exchange.getAttachment(OUTPUT);
        try {
            if (output != null) {
                output.flush();
            }
        } catch (IOException e) {
            LOG.debug("Client gone before the response was complete request={}", RequestIds.of(exchange));
            closeConnection(exchange);
        }
        try {
            exchange.dispatch(exchange.getIoThread(), exchange::endExchange);
        } catch (RejectedExecutionException e) {
            // The server stopped meanwhile and its I/O threads take no more work: nobody is left to answer.
            IoUtils.safeClose(exchange.getConnection());
        }
    }
}
