package dev.aqueduct.simulator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * {@code POST /v1/completions}: a {@code text_completion}, or a stream of them with one piece of
 * text each, a last one with {@code finish_reason}, the usage chunk when asked for, and
 * {@code data: [DONE]}; the same layout as chat streams.
 */
final class TextCompletions implements Endpoint {
    @Override
    public Reply answer(ApiRequest request) {
        String model = request.model();
        List<String> pieces = request.pieces();
        Usage usage = new Usage(PromptWords.count(request.required("prompt")), pieces.size());
        if (request.stream()) {
            return stream(request, model, pieces, usage);
        }
        ObjectNode body = header(request, model);
        body.putArray("choices").add(choice(ContentText.text(pieces), "stop"));
        if (request.usageWanted()) {
            body.set("usage", usage.completionsJson());
        }
        return Reply.json(body);
    }

    private static Reply stream(ApiRequest request, String model, List<String> pieces, Usage usage) {
        boolean includeUsage = request.includeUsage();
        ObjectNode chunk = header(request, model);
        List<byte[]> events = new ArrayList<>(pieces.size() + 3);
        for (String piece : pieces) {
            events.add(chunkEvent(chunk, choice(piece, null), includeUsage));
        }
        events.add(chunkEvent(chunk, choice("", "stop"), includeUsage));
        if (includeUsage) {
            chunk.putArray("choices");
            chunk.set("usage", usage.completionsJson());
            events.add(JsonBytes.data(chunk));
        }
        events.add(JsonBytes.DONE);
        return new Reply.Events(events);
    }

    private static byte[] chunkEvent(ObjectNode chunk, ObjectNode choice, boolean usageNull) {
        chunk.putArray("choices").add(choice);
        if (usageNull) {
            chunk.putNull("usage");
        }
        return JsonBytes.data(chunk);
    }

    private static ObjectNode choice(String text, @Nullable String finishReason) {
        ObjectNode choice = JsonBytes.object().put("text", text).put("index", 0);
        return choice.putNull("logprobs").put("finish_reason", finishReason);
    }

    private static ObjectNode header(ApiRequest request, String model) {
        return JsonBytes.object()
                .put("id", request.id("cmpl-"))
                .put("object", "text_completion")
                .put("created", request.created())
                .put("model", model)
                .put("system_fingerprint", ChatCompletions.FINGERPRINT);
    }
}
