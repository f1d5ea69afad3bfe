package dev.aqueduct.server;

import java.util.List;

/**
 * OpenAI routes that address objects stored at the provider (files, batches, stored responses
 * and completions, vector stores, ...). One upstream account serves every tenant of the
 * gateway, so relaying them would let any key read or delete any other tenant's objects.
 */
final class BlockedRoutes {
    private static final List<String> TREES = List.of("/v1/files", "/v1/batches", "/v1/uploads",
            "/v1/vector_stores", "/v1/fine_tuning", "/v1/assistants", "/v1/threads", "/v1/containers",
            "/v1/conversations", "/v1/evals");
    private static final List<String> BELOW = List.of("/v1/responses/", "/v1/chat/completions/");

    private BlockedRoutes() {
    }

    static boolean isBlocked(String path, String method) {
        if (path.equals("/v1/chat/completions") && (method.equals("GET") || method.equals("HEAD"))) {
            // GET lists the stored completions of the whole upstream account.
            return true;
        }
        for (String tree : TREES) {
            if (path.equals(tree) || path.startsWith(tree + "/")) {
                return true;
            }
        }
        return BELOW.stream().anyMatch(path::startsWith);
    }
}
