package dev.aqueduct.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.SplittableRandom;

/**
 * {@code POST /v1/embeddings}: one unit-length vector per input, the same for the same text, of
 * the requested {@code dimensions} or the simulator's default; as floats, or as base64 of
 * little-endian float32 when {@code encoding_format} is {@code base64}, as OpenAI encodes it.
 */
final class Embeddings implements Endpoint {
    private final int defaultDimensions;

    Embeddings(int defaultDimensions) {
        this.defaultDimensions = defaultDimensions;
    }

    @Override
    public Reply answer(ApiRequest request) {
        String model = request.model();
        JsonNode input = request.required("input");
        int dimensions = dimensions(request.body().path("dimensions"));
        boolean base64 = "base64".equals(request.body().path("encoding_format").asText("float"));
        ObjectNode body = JsonBytes.object().put("object", "list");
        ArrayNode data = body.putArray("data");
        JsonNode inputs = input.isArray() && !isTokenArray(input) ? input : JsonBytes.NODES.arrayNode().add(input);
        for (int i = 0; i < inputs.size(); i++) {
            JsonNode text = inputs.get(i);
            float[] vector = vector(text.isTextual() ? text.textValue() : text.toString(), dimensions);
            data.add(item(i, vector, base64));
        }
        body.put("model", model);
        int tokens = PromptWords.count(input);
        body.putObject("usage").put("prompt_tokens", tokens).put("total_tokens", tokens);
        return Reply.json(body);
    }

    private static ObjectNode item(int index, float[] vector, boolean base64) {
        ObjectNode item = JsonBytes.object().put("object", "embedding").put("index", index);
        if (base64) {
            return item.put("embedding", base64(vector));
        }
        ArrayNode values = item.putArray("embedding");
        for (float value : vector) {
            values.add(value);
        }
        return item;
    }

    private int dimensions(JsonNode requested) {
        if (requested.isMissingNode() || requested.isNull()) {
            return defaultDimensions;
        }
        if (!requested.isIntegralNumber() || requested.asInt() < 1
                || requested.asInt() > SimulatorOptions.MAX_EMBEDDING_DIMENSIONS) {
            throw ApiError.badRequest("dimensions must be a whole number from 1 to "
                    + SimulatorOptions.MAX_EMBEDDING_DIMENSIONS + "; got " + requested, "dimensions");
        }
        return requested.asInt();
    }

    private static boolean isTokenArray(JsonNode input) {
        return !input.isEmpty() && input.get(0).isNumber();
    }

    /** A unit vector seeded by the input, so equal inputs always get equal vectors. */
    static float[] vector(String input, int dimensions) {
        SplittableRandom random = new SplittableRandom(seed(input));
        float[] vector = new float[dimensions];
        double sumOfSquares = 0;
        for (int i = 0; i < dimensions; i++) {
            vector[i] = (float) (random.nextDouble() * 2 - 1);
            sumOfSquares += vector[i] * vector[i];
        }
        float norm = (float) Math.sqrt(sumOfSquares);
        for (int i = 0; i < dimensions; i++) {
            vector[i] = norm == 0 ? 0 : vector[i] / norm;
        }
        return vector;
    }

    private static long seed(String input) {
        // FNV-1a over the UTF-8 bytes spreads short, similar inputs further apart than String.hashCode.
        long hash = 0xcbf29ce484222325L;
        for (byte b : input.getBytes(StandardCharsets.UTF_8)) {
            hash = (hash ^ (b & 0xff)) * 0x100000001b3L;
        }
        return hash;
    }

    private static String base64(float[] vector) {
        ByteBuffer bytes = ByteBuffer.allocate(vector.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        for (float value : vector) {
            bytes.putFloat(value);
        }
        return Base64.getEncoder().encodeToString(bytes.array());
    }
}
