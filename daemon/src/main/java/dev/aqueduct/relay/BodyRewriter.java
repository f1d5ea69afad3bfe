package dev.aqueduct.relay;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aqueduct.common.json.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/**
 * Edits a JSON request body in place: swaps the model name for the provider's and, when asked,
 * turns on {@code stream_options.include_usage}. Every other byte goes upstream as the client
 * sent it, so numbers, key order and fields the gateway does not know survive untouched.
 */
final class BodyRewriter {
    private static final byte[] USAGE_OPTION =
            ",\"stream_options\":{\"include_usage\":true}".getBytes(StandardCharsets.UTF_8);

    private BodyRewriter() {
    }

    /**
     * The body to send upstream.
     *
     * @param forceUsage whether to ask upstream for a usage chunk the client did not ask for
     */
    static byte[] rewrite(byte[] body, InspectedRequest request, String upstreamModel, boolean forceUsage) {
        boolean renameModel = !upstreamModel.equals(request.model());
        if (!renameModel && !forceUsage) {
            return body;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(body.length + USAGE_OPTION.length + 32);
        int copied = 0;
        InspectedRequest.Span options = request.streamOptions();
        boolean optionsFirst = options != null && options.start() < request.modelStart();
        if (forceUsage && optionsFirst) {
            copied = replaceOptions(out, body, copied, options);
        }
        if (renameModel) {
            out.write(body, copied, request.modelStart() - copied);
            out.writeBytes(quoted(upstreamModel));
            copied = request.modelEnd();
        }
        if (forceUsage && options != null && !optionsFirst) {
            copied = replaceOptions(out, body, copied, options);
        }
        if (forceUsage && options == null) {
            out.write(body, copied, request.objectEnd() - copied);
            out.writeBytes(USAGE_OPTION);
            copied = request.objectEnd();
        }
        out.write(body, copied, body.length - copied);
        return out.toByteArray();
    }

    private static int replaceOptions(ByteArrayOutputStream out, byte[] body, int copied,
            InspectedRequest.@Nullable Span options) {
        if (options == null) {
            return copied;
        }
        out.write(body, copied, options.start() - copied);
        out.writeBytes(withUsage(body, options));
        return options.end();
    }

    private static byte[] withUsage(byte[] body, InspectedRequest.Span options) {
        try {
            JsonNode given = Json.mapper().readTree(body, options.start(), options.end() - options.start());
            ObjectNode node = given instanceof ObjectNode object ? object : Json.mapper().createObjectNode();
            node.put("include_usage", true);
            return Json.mapper().writeValueAsBytes(node);
        } catch (IOException e) {
            throw new IllegalStateException("stream_options was parsed once already", e);
        }
    }

    private static byte[] quoted(String text) {
        try {
            return Json.mapper().writeValueAsBytes(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A string always serializes", e);
        }
    }
}
