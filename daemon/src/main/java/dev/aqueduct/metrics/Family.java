package dev.aqueduct.metrics;

/**
 * One Prometheus metric family: its name, as written on {@code # TYPE} and {@code # HELP}, what
 * kind of metric it is and what it measures.
 */
record Family(String name, Type type, String help) {
    /** The Prometheus metric types this gateway writes. */
    enum Type {
        COUNTER("counter"),
        GAUGE("gauge"),
        HISTOGRAM("histogram");

        private final String text;

        Type(String text) {
            this.text = text;
        }

        String text() {
            return text;
        }
    }
}
