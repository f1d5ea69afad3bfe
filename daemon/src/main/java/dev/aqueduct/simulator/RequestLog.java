package dev.aqueduct.simulator;

import io.undertow.server.HttpServerExchange;
import io.undertow.util.HeaderValues;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/** The last {@value #CAPACITY} requests and a count of all of them, shared by every I/O thread. */
final class RequestLog {
    static final int CAPACITY = 1000;

    private final ArrayDeque<RecordedRequest> recent = new ArrayDeque<>(CAPACITY);
    private final AtomicInteger count = new AtomicInteger();

    void record(HttpServerExchange exchange, byte[] body) {
        Map<String, String> headers = new HashMap<>();
        for (HeaderValues values : exchange.getRequestHeaders()) {
            headers.put(values.getHeaderName().toString(), String.join(", ", values));
        }
        add(new RecordedRequest(exchange.getRequestMethod().toString(), exchange.getRequestPath(),
                exchange.getQueryString(), headers, body));
    }

    void add(RecordedRequest request) {
        synchronized (recent) {
            if (recent.size() == CAPACITY) {
                recent.removeFirst();
            }
            recent.addLast(request);
        }
        count.incrementAndGet();
    }

    List<RecordedRequest> recent() {
        synchronized (recent) {
            return List.copyOf(recent);
        }
    }

    RecordedRequest last() {
        synchronized (recent) {
            if (recent.isEmpty()) {
                throw new IllegalStateException("No request has reached the simulator yet");
            }
            return recent.getLast();
        }
    }

    int count() {
        return count.get();
    }
}
