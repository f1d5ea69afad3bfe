package dev.aqueduct.simulator;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** Token counts of one answer, written in the shape of each API family. */
record Usage(int promptTokens, int completionTokens) {
    int totalTokens() {
        return promptTokens + completionTokens;
    }

    /** Chat and text completions: {@code prompt_tokens}, {@code completion_tokens} and details. */
    ObjectNode completionsJson() {
        ObjectNode usage = JsonBytes.object()
                .put("prompt_tokens", promptTokens)
                .put("completion_tokens", completionTokens)
                .put("total_tokens", totalTokens());
        usage.putObject("prompt_tokens_details").put("cached_tokens", 0);
        usage.putObject("completion_tokens_details").put("reasoning_tokens", 0);
        return usage;
    }

    /** The Responses API: {@code input_tokens}, {@code output_tokens} and details. */
    ObjectNode responsesJson() {
        ObjectNode usage = JsonBytes.object().put("input_tokens", promptTokens);
        // The SDKs generated from OpenAI's API description require cache_write_tokens.
        usage.putObject("input_tokens_details").put("cached_tokens", 0).put("cache_write_tokens", 0);
        usage.put("output_tokens", completionTokens);
        usage.putObject("output_tokens_details").put("reasoning_tokens", 0);
        usage.put("total_tokens", totalTokens());
        return usage;
    }
}
