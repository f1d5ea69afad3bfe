package dev.aqueduct.simulator;

import java.util.ArrayList;
import java.util.List;

/**
 * The text every answer is made of: the same pieces in the same order, with two-, three- and
 * four-byte UTF-8 characters early on, so a test can see that characters survive the gateway.
 */
final class ContentText {
    private static final List<String> PIECES =
            List.of("Café", " 漢字", " 🙂", " flows", " through", " the", " aqueduct", ".");

    private ContentText() {
    }

    /** The first {@code count} pieces; each is one content chunk and one completion token. */
    static List<String> pieces(int count) {
        List<String> pieces = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String piece = PIECES.get(i % PIECES.size());
            // A new round of the sentence starts after a full stop, so it needs its own space.
            pieces.add(i >= PIECES.size() && i % PIECES.size() == 0 ? " " + piece : piece);
        }
        return pieces;
    }

    static String text(List<String> pieces) {
        return String.join("", pieces);
    }
}
