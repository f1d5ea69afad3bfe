package dev.aqueduct.admin;

/** What an admin API action answers: a JSON body, text such as CSV, or no body. */
sealed interface Reply {
    /** A JSON body with its status. */
    record Json(int status, Object body) implements Reply {
    }

    /** A text body of the given media type. */
    record Text(int status, String contentType, String body) implements Reply {
    }

    /** A status without a body, such as 204 after a delete. */
    record Empty(int status) implements Reply {
    }

    static Reply ok(Object body) {
        return new Json(200, body);
    }

    static Reply created(Object body) {
        return new Json(201, body);
    }

    static Reply noContent() {
        return new Empty(204);
    }
}
