package dev.aqueduct.simulator;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * {@code POST /v1/chat/completions}: a {@code chat.completion}, or a stream of
 * {@code chat.completion.chunk} events laid out as OpenAI sends them: a role chunk, one chunk per
 * piece of content, a chunk with {@code finish_reason}, the usage chunk only when
 * {@code stream_options.include_usage} asked for it (every chunk then carries
 * {@code "usage": null}), and {@code data: [DONE]}.
 */
final class ChatCompletions implements Endpoint {
    static final String FINGERPRINT = "fp_simulator";

    @Override
    public Reply answer(ApiRequest request) {
        String model = request.model();
        List<String> pieces = request.pieces();
        Usage usage = new Usage(PromptWords.count(request.required("messages")), pieces.size());
        if (request.stream()) {
            return stream(request, model, pieces, usage);
        }
        return Reply.json(completion(request, model, pieces, usage));
    }

    private static ObjectNode completion(ApiRequest request, String model, List<String> pieces, Usage usage) {
        ObjectNode body = header(request, model, "chat.completion");
        ObjectNode choice = body.putArray("choices").addObject().put("index", 0);
        choice.putObject("message")
                .put("role", "assistant")
                .put("content", ContentText.text(pieces))
                .putNull("refusal")
                .putArray("annotations");
        choice.putNull("logprobs").put("finish_reason", "stop");
        if (request.usageWanted()) {
            body.set("usage", usage.completionsJson());
        }
        return body;
    }

    private static Reply stream(ApiRequest request, String model, List<String> pieces, Usage usage) {
        boolean includeUsage = request.includeUsage();
        ObjectNode chunk = header(request, model, "chat.completion.chunk");
        List<byte[]> events = new ArrayList<>(pieces.size() + 4);
        ObjectNode role = JsonBytes.object().put("role", "assistant").put("content", "").putNull("refusal");
        events.add(chunkEvent(chunk, role, null, includeUsage));
        for (String piece : pieces) {
            events.add(chunkEvent(chunk, JsonBytes.object().put("content", piece), null, includeUsage));
        }
        events.add(chunkEvent(chunk, JsonBytes.object(), "stop", includeUsage));
        if (includeUsage) {
            chunk.putArray("choices");
            chunk.set("usage", usage.completionsJson());
            events.add(JsonBytes.data(chunk));
        }
        events.add(JsonBytes.DONE);
        return new Reply.Events(events);
    }

    private static byte[] chunkEvent(ObjectNode chunk, ObjectNode delta, @Nullable String finishReason,
            boolean usageNull) {
        ArrayNode choices = chunk.putArray("choices");
        ObjectNode choice = choices.addObject().put("index", 0);
        choice.set("delta", delta);
        choice.putNull("logprobs").put("finish_reason", finishReason);
        if (usageNull) {
            chunk.putNull("usage");
        }
        return JsonBytes.data(chunk);
    }

    private static ObjectNode header(ApiRequest request, String model, String object) {
        return JsonBytes.object()
                .put("id", request.id("chatcmpl-"))
                .put("object", object)
                .put("created", request.created())
                .put("model", model)
                .put("service_tier", "default")
                .put("system_fingerprint", FINGERPRINT);
    }
}
