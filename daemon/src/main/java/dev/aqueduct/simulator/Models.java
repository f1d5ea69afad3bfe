package dev.aqueduct.simulator;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * {@code GET /v1/models} and {@code GET /v1/models/{id}}. The simulator serves any model, so a
 * single model is answered for any id, including ids with {@code /} such as
 * {@code org/model}; the list names the common OpenAI models.
 */
final class Models {
    static final String PATH = "/v1/models";
    private static final long CREATED = 1_700_000_000L;
    private static final List<String> LISTED = List.of("gpt-4o", "gpt-4o-mini", "gpt-4.1", "gpt-4.1-mini", "o4-mini",
            "gpt-3.5-turbo-instruct", "text-embedding-3-small", "text-embedding-3-large", "omni-moderation-latest",
            "whisper-1", "tts-1", "dall-e-3", "gpt-image-1");

    private final byte[] list = serializedList();

    /** Pre-serialized: the list never changes. */
    Reply list() {
        return new Reply.Json(200, list);
    }

    /** The model named by the rest of the path, percent-encoded slashes included. */
    Reply one(String path) {
        String id = URLDecoder.decode(path.substring(PATH.length() + 1).replace("+", "%2B"), StandardCharsets.UTF_8);
        if (id.isEmpty()) {
            throw new ApiError(404, "Invalid URL (GET " + path + ")", null, null);
        }
        return Reply.json(model(id));
    }

    private static byte[] serializedList() {
        ObjectNode body = JsonBytes.object().put("object", "list");
        ArrayNode data = body.putArray("data");
        LISTED.forEach(id -> data.add(model(id)));
        return JsonBytes.of(body);
    }

    private static ObjectNode model(String id) {
        return JsonBytes.object()
                .put("id", id)
                .put("object", "model")
                .put("created", CREATED)
                .put("owned_by", "system");
    }
}
