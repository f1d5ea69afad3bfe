package dev.aqueduct.relay;

/**
 * Tokens one response used, as the provider reported them. Chat and completions name them
 * {@code prompt_tokens}/{@code completion_tokens}, the Responses API
 * {@code input_tokens}/{@code output_tokens}; both land here. A negative count, which only a
 * confused provider sends, is taken as 0, so stored totals and the token counters never shrink.
 */
record UsageCounts(long input, long output, long cached) {
    static final UsageCounts NONE = new UsageCounts(0, 0, 0);

    UsageCounts {
        input = Math.max(0, input);
        output = Math.max(0, output);
        cached = Math.max(0, cached);
    }
}
