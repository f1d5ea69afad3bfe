package dev.aqueduct.simulator;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Deterministic prompt token counts: whitespace-separated words of the text a request sends,
 * never less than 1. A number in an input array (a pre-tokenized prompt) is one token.
 */
final class PromptWords {
    private PromptWords() {
    }

    /** Words in {@code nodes}: strings, arrays of them, and objects' {@code content} and {@code text}. */
    static int count(JsonNode... nodes) {
        int words = 0;
        for (JsonNode node : nodes) {
            words += words(node);
        }
        return Math.max(1, words);
    }

    private static int words(JsonNode node) {
        if (node.isTextual()) {
            return words(node.textValue());
        }
        if (node.isNumber()) {
            return 1;
        }
        int words = 0;
        if (node.isArray()) {
            for (JsonNode element : node) {
                words += words(element);
            }
        } else if (node.isObject()) {
            words = words(node.path("content")) + words(node.path("text"));
        }
        return words;
    }

    static int words(String text) {
        int words = 0;
        boolean inWord = false;
        for (int i = 0; i < text.length(); i++) {
            boolean space = Character.isWhitespace(text.charAt(i));
            if (!space && !inWord) {
                words++;
            }
            inWord = !space;
        }
        return words;
    }
}
