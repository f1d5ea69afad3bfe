package dev.aqueduct.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * {@code POST /v1/responses}: a {@code response} object with one assistant message, or the typed
 * events OpenAI streams for it, from {@code response.created} through one
 * {@code response.output_text.delta} per piece to {@code response.completed}, whose response
 * holds the usage. Unlike chat streams there is no {@code [DONE]}.
 */
final class Responses implements Endpoint {
    @Override
    public Reply answer(ApiRequest request) {
        String model = request.model();
        List<String> pieces = request.pieces();
        JsonNode body = request.body();
        int promptTokens = PromptWords.count(request.required("input"), body.path("instructions"));
        Usage usage = new Usage(promptTokens, pieces.size());
        @Nullable Usage reported = request.usageWanted() ? usage : null;
        Message message = new Message(request.id("msg_"), ContentText.text(pieces));
        if (request.stream()) {
            return new EventWriter(request, model).events(message, pieces, reported);
        }
        return Reply.json(response(request, model, "completed", message, reported));
    }

    private static ObjectNode response(ApiRequest request, String model, String status, @Nullable Message message,
            @Nullable Usage usage) {
        JsonNode body = request.body();
        ObjectNode response = JsonBytes.object()
                .put("id", request.id("resp_"))
                .put("object", "response")
                .put("created_at", request.created())
                .put("status", status)
                .put("background", false)
                .putNull("error")
                .putNull("incomplete_details");
        response.set("instructions", echoed(body, "instructions"));
        response.set("max_output_tokens", echoed(body, "max_output_tokens"));
        response.put("model", model);
        if (message == null) {
            response.putArray("output");
        } else {
            response.putArray("output").add(message.completedItem());
        }
        putDefaultSettings(response);
        response.set("usage", usage == null ? null : usage.responsesJson());
        response.putNull("user").putObject("metadata");
        return response;
    }

    /** The settings OpenAI reports when a request leaves them at their defaults. */
    private static void putDefaultSettings(ObjectNode response) {
        response.put("parallel_tool_calls", true).putNull("previous_response_id");
        response.putObject("reasoning").putNull("effort").putNull("summary");
        response.put("service_tier", "default").put("store", true).put("temperature", 1.0);
        response.putObject("text").putObject("format").put("type", "text");
        response.put("tool_choice", "auto").putArray("tools");
        response.put("top_p", 1.0).put("truncation", "disabled");
    }

    /** A request field the response object repeats, or JSON null when it was not sent. */
    private static JsonNode echoed(JsonNode body, String field) {
        JsonNode value = body.path(field);
        return value.isMissingNode() ? JsonBytes.NODES.nullNode() : value;
    }

    /** The assistant message of an answer, as an output item and as its one text part. */
    private record Message(String id, String text) {
        ObjectNode inProgressItem() {
            ObjectNode item = JsonBytes.object().put("id", id).put("type", "message").put("status", "in_progress");
            item.putArray("content");
            return item.put("role", "assistant");
        }

        ObjectNode completedItem() {
            ObjectNode item = JsonBytes.object().put("id", id).put("type", "message").put("status", "completed");
            item.putArray("content").add(part(text));
            return item.put("role", "assistant");
        }

        static ObjectNode part(String text) {
            ObjectNode part = JsonBytes.object().put("type", "output_text");
            part.putArray("annotations");
            part.putArray("logprobs");
            return part.put("text", text);
        }
    }

    /** Builds the stream's events in order, numbering them as OpenAI does with {@code sequence_number}. */
    private static final class EventWriter {
        private final ApiRequest request;
        private final String model;
        private final List<ObjectNode> events = new ArrayList<>();

        EventWriter(ApiRequest request, String model) {
            this.request = request;
            this.model = model;
        }

        Reply events(Message message, List<String> pieces, @Nullable Usage usage) {
            add("response.created").set("response", response(request, model, "in_progress", null, null));
            add("response.in_progress").set("response", response(request, model, "in_progress", null, null));
            add("response.output_item.added").put("output_index", 0).set("item", message.inProgressItem());
            onText(add("response.content_part.added"), message).set("part", Message.part(""));
            for (String piece : pieces) {
                onText(add("response.output_text.delta"), message).put("delta", piece).putArray("logprobs");
            }
            onText(add("response.output_text.done"), message).put("text", message.text()).putArray("logprobs");
            onText(add("response.content_part.done"), message).set("part", Message.part(message.text()));
            add("response.output_item.done").put("output_index", 0).set("item", message.completedItem());
            add("response.completed").set("response", response(request, model, "completed", message, usage));
            List<byte[]> framed = new ArrayList<>(events.size());
            for (ObjectNode event : events) {
                framed.add(JsonBytes.event(event.get("type").textValue(), event));
            }
            return new Reply.Events(framed);
        }

        private static ObjectNode onText(ObjectNode event, Message message) {
            return event.put("item_id", message.id()).put("output_index", 0).put("content_index", 0);
        }

        private ObjectNode add(String type) {
            ObjectNode event = JsonBytes.object().put("type", type).put("sequence_number", events.size());
            events.add(event);
            return event;
        }
    }
}
