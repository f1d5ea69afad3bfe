package dev.aqueduct.relay;

import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * The status and headers of a provider's answer, as read off the connection.
 *
 * @param names header names in lower case, in the order they came
 * @param values the value of each header, at the same index as its name
 */
record UpstreamHead(int status, List<String> names, List<String> values) {

    /** The first value of header {@code name}, given in lower case, or null when it is absent. */
    @Nullable String header(String name) {
        for (int i = 0; i < names.size(); i++) {
            if (names.get(i).equals(name)) {
                return values.get(i);
            }
        }
        return null;
    }

    boolean successful() {
        return status >= 200 && status < 300;
    }

    /** The lower-cased content type, or an empty string when none was given. */
    String contentType() {
        String type = header("content-type");
        return type == null ? "" : type.toLowerCase(Locale.ROOT);
    }
}
