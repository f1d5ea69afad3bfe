package dev.aqueduct.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * {@code POST /v1/images/generations}: {@code n} copies of a one-pixel PNG, as {@code b64_json},
 * or as a {@code data:} URL when {@code response_format} is {@code url}, since the simulator has
 * nowhere to host a file.
 */
final class ImageGenerations implements Endpoint {
    static final String PNG_BASE64 =
            "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==";
    private static final int MAX_IMAGES = 10;

    @Override
    public Reply answer(ApiRequest request) {
        JsonNode prompt = request.required("prompt");
        int count = request.body().path("n").asInt(1);
        if (count < 1 || count > MAX_IMAGES) {
            throw ApiError.badRequest("n must be from 1 to " + MAX_IMAGES + "; got " + count, "n");
        }
        boolean url = "url".equals(request.body().path("response_format").asText());
        ObjectNode body = JsonBytes.object().put("created", request.created());
        ArrayNode data = body.putArray("data");
        for (int i = 0; i < count; i++) {
            ObjectNode image = data.addObject();
            if (url) {
                image.put("url", "data:image/png;base64," + PNG_BASE64);
            } else {
                image.put("b64_json", PNG_BASE64);
            }
        }
        if (request.usageWanted()) {
            int inputTokens = PromptWords.count(prompt);
            ObjectNode usage = body.putObject("usage")
                    .put("input_tokens", inputTokens)
                    .put("output_tokens", count)
                    .put("total_tokens", inputTokens + count);
            usage.putObject("input_tokens_details").put("text_tokens", inputTokens).put("image_tokens", 0);
        }
        return Reply.json(body);
    }
}
