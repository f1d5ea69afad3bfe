package dev.aqueduct.relay;

import com.fasterxml.jackson.databind.JsonNode;
import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingType;
import dev.aqueduct.common.json.Json;
import java.io.IOException;
import java.util.Map;
import java.util.Set;

/**
 * Estimates tokens where the provider reported none, such as a stream the client abandoned
 * before the usage chunk arrived. It counts the text of the prompt fields with the o200k
 * tokenizer; structure and images are not counted, so estimates err low.
 */
final class TokenEstimator {
    private static final Encoding ENCODING = Encodings.newLazyEncodingRegistry().getEncoding(EncodingType.O200K_BASE);
    private static final Set<String> TEXT_FIELDS = Set.of("content", "text", "input", "prompt", "instructions");

    private TokenEstimator() {
    }

    /** Tokens in the text of a JSON request body's prompt fields. */
    static long promptTokens(byte[] body) {
        try {
            return countText(Json.mapper().readTree(body), false);
        } catch (IOException e) {
            return 0;
        }
    }

    private static long countText(JsonNode node, boolean inTextField) {
        if (node.isTextual()) {
            return inTextField ? ENCODING.countTokensOrdinary(node.asText()) : 0;
        }
        long total = 0;
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                total += countText(field.getValue(), inTextField || TEXT_FIELDS.contains(field.getKey()));
            }
        } else if (node.isArray()) {
            for (JsonNode element : node) {
                total += countText(element, inTextField);
            }
        }
        return total;
    }
}
