package dev.aqueduct.simulator;

import java.util.Arrays;
import java.util.Optional;

/** The faults that take no argument; {@code status:N} and {@code delay_headers_ms:N} are in {@link Directives}. */
enum Fault {
    /** Stream about half of the events, then close the connection without the end of the stream. */
    DROP_MID_STREAM("drop_mid_stream"),
    /** Write the first multi-byte character of a stream in two flushed halves. */
    SPLIT_UTF8("split_utf8"),
    /** Compress a JSON answer and say so with {@code Content-Encoding: gzip}. */
    GZIP("gzip"),
    /** Close the connection without answering. */
    RESET("reset"),
    /** Leave usage out, even when the request asked for it. */
    NO_USAGE("no_usage");

    private final String wireName;

    Fault(String wireName) {
        this.wireName = wireName;
    }

    static Optional<Fault> named(String name) {
        return Arrays.stream(values()).filter(fault -> fault.wireName.equals(name)).findFirst();
    }
}
