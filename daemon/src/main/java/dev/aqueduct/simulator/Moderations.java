package dev.aqueduct.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/** {@code POST /v1/moderations}: one unflagged result per input, with every category OpenAI reports. */
final class Moderations implements Endpoint {
    private static final List<String> CATEGORIES = List.of("harassment", "harassment/threatening", "hate",
            "hate/threatening", "illicit", "illicit/violent", "self-harm", "self-harm/instructions",
            "self-harm/intent", "sexual", "sexual/minors", "violence", "violence/graphic");
    private static final ObjectNode RESULT = result();

    @Override
    public Reply answer(ApiRequest request) {
        JsonNode input = request.required("input");
        int results = input.isArray() ? Math.max(1, input.size()) : 1;
        ObjectNode body = JsonBytes.object()
                .put("id", request.id("modr-"))
                .put("model", request.model("omni-moderation-latest"));
        ArrayNode array = body.putArray("results");
        for (int i = 0; i < results; i++) {
            array.add(RESULT);
        }
        return Reply.json(body);
    }

    private static ObjectNode result() {
        ObjectNode result = JsonBytes.object().put("flagged", false);
        ObjectNode categories = result.putObject("categories");
        ObjectNode scores = result.putObject("category_scores");
        ObjectNode inputTypes = result.putObject("category_applied_input_types");
        for (String category : CATEGORIES) {
            categories.put(category, false);
            scores.put(category, 0.0001);
            inputTypes.putArray(category).add("text");
        }
        return result;
    }
}
