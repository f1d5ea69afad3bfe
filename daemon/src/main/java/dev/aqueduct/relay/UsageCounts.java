package dev.aqueduct.relay;

/**
 * Tokens one response used, as the provider reported them. Chat and completions name them
 * {@code prompt_tokens}/{@code completion_tokens}, the Responses API
 * {@code input_tokens}/{@code output_tokens}; both land here.
 */
record UsageCounts(long input, long output, long cached) {
    static final UsageCounts NONE = new UsageCounts(0, 0, 0);
}
