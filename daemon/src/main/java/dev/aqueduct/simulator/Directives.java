package dev.aqueduct.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.EnumSet;
import java.util.Set;

/**
 * What one request asked of the simulator in its {@code "simulator"} body field, on top of the
 * options it was started with.
 *
 * @param chunks content chunks, which is also the completion token count
 * @param chunkDelayMillis pause between two streamed events
 * @param failStatus the status of a {@code status:N} fault, or 0
 * @param headerDelayMillis the wait of a {@code delay_headers_ms:N} fault, or 0
 * @param faults the faults without arguments
 */
record Directives(int chunks, long chunkDelayMillis, int failStatus, long headerDelayMillis, Set<Fault> faults) {
    static final String FIELD = "simulator";
    private static final String KNOWN_FAULTS =
            "status:N, delay_headers_ms:N, drop_mid_stream, split_utf8, gzip, reset, no_usage";

    Directives {
        faults = Set.copyOf(faults);
    }

    static Directives defaults(SimulatorOptions options) {
        return new Directives(options.chunks(), options.chunkDelayMillis(), 0, 0, Set.of());
    }

    /** Reads the {@code "simulator"} object of a body; a missing one leaves the defaults. */
    static Directives from(JsonNode body, SimulatorOptions options) {
        JsonNode node = body.path(FIELD);
        if (node.isMissingNode() || node.isNull()) {
            return defaults(options);
        }
        if (!node.isObject()) {
            throw ApiError.badRequest("The 'simulator' field must be an object", FIELD);
        }
        int chunks = (int) number(node, "chunks", options.chunks(), SimulatorOptions.MAX_CHUNKS);
        long delay = number(node, "chunk_delay_ms", options.chunkDelayMillis(), Integer.MAX_VALUE);
        Builder faults = new Builder();
        JsonNode fault = node.path("fault");
        if (fault.isArray()) {
            fault.forEach(faults::add);
        } else if (!fault.isMissingNode() && !fault.isNull()) {
            faults.add(fault);
        }
        return new Directives(chunks, delay, faults.status, faults.headerDelay, faults.flags);
    }

    boolean has(Fault fault) {
        return faults.contains(fault);
    }

    private static long number(JsonNode node, String field, long fallback, long max) {
        JsonNode value = node.path(field);
        if (value.isMissingNode() || value.isNull()) {
            return fallback;
        }
        if (!value.isIntegralNumber() || !value.canConvertToLong() || value.asLong() < 0 || value.asLong() > max) {
            throw ApiError.badRequest("simulator." + field + " must be a whole number from 0 to " + max
                    + "; got " + value, FIELD);
        }
        return value.asLong();
    }

    /** Collects faults one directive at a time. */
    private static final class Builder {
        private final EnumSet<Fault> flags = EnumSet.noneOf(Fault.class);
        private int status;
        private long headerDelay;

        void add(JsonNode directive) {
            String text = directive.asText();
            int colon = text.indexOf(':');
            String name = colon < 0 ? text : text.substring(0, colon);
            String argument = colon < 0 ? "" : text.substring(colon + 1);
            switch (name) {
                case "status" -> status = (int) argument(text, argument, 100, 599);
                case "delay_headers_ms" -> headerDelay = argument(text, argument, 0, Integer.MAX_VALUE);
                default -> flags.add(Fault.named(text).orElseThrow(() -> unknown(text)));
            }
        }

        private static long argument(String directive, String argument, long min, long max) {
            try {
                long value = Long.parseLong(argument);
                if (value >= min && value <= max) {
                    return value;
                }
            } catch (NumberFormatException e) {
                // Falls through to the error below, which names the directive.
            }
            throw ApiError.badRequest("Simulator fault '" + directive + "' needs a number from " + min
                    + " to " + max, FIELD);
        }

        private static ApiError unknown(String directive) {
            return ApiError.badRequest("Unknown simulator fault '" + directive + "'; known faults: "
                    + KNOWN_FAULTS, FIELD);
        }
    }
}
