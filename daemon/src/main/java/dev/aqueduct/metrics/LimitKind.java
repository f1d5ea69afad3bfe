package dev.aqueduct.metrics;

import java.util.Locale;

/** The limits that can refuse a request, as counted by {@code aqueduct_limit_refusals_total}. */
public enum LimitKind {
    REQUESTS_PER_MINUTE,
    TOKENS_PER_MINUTE,
    CONCURRENT_REQUESTS,
    TOKENS_PER_DAY,
    TOKENS_PER_MONTH;

    /** The label value, such as {@code requests_per_minute}. */
    String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
