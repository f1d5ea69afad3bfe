package dev.aqueduct.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** What an endpoint answers, before faults shape how it goes on the wire. */
sealed interface Reply {
    /** A complete JSON body. */
    record Json(int status, byte[] body) implements Reply {
    }

    /** A complete body of another type, such as generated speech. */
    record Binary(String contentType, byte[] body) implements Reply {
    }

    /** Server-sent events, each already framed, written and flushed one by one. */
    record Events(List<byte[]> events) implements Reply {
        public Events {
            events = List.copyOf(events);
        }
    }

    static Reply json(JsonNode body) {
        return new Json(200, JsonBytes.of(body));
    }
}
