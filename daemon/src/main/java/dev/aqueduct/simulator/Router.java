package dev.aqueduct.simulator;

import java.util.Map;

/** Finds the endpoint for a method and path; anything else is a 404 in OpenAI's error shape. */
final class Router {
    private final Map<String, Endpoint> posts;
    private final Models models = new Models();

    Router(SimulatorOptions options) {
        AudioTranscriptions transcriptions = new AudioTranscriptions();
        this.posts = Map.of(
                "/v1/chat/completions", new ChatCompletions(),
                "/v1/completions", new TextCompletions(),
                "/v1/embeddings", new Embeddings(options.embeddingDimensions()),
                "/v1/responses", new Responses(),
                "/v1/audio/transcriptions", transcriptions,
                "/v1/audio/translations", transcriptions,
                "/v1/audio/speech", new AudioSpeech(),
                "/v1/moderations", new Moderations(),
                "/v1/images/generations", new ImageGenerations());
    }

    Reply answer(String method, String path, ApiRequest request) {
        if (method.equals("POST")) {
            Endpoint endpoint = posts.get(path);
            if (endpoint != null) {
                return endpoint.answer(request);
            }
        } else if (method.equals("GET") && path.equals(Models.PATH)) {
            return models.list();
        } else if (method.equals("GET") && path.startsWith(Models.PATH + "/")) {
            return models.one(path);
        }
        throw new ApiError(404, "Invalid URL (" + method + " " + path + ")", null, null);
    }
}
