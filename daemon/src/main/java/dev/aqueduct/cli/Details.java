package dev.aqueduct.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** One object shown field by field: a label, a colon, and the value, the values aligned. */
final class Details {
    private record Field(String label, String value) {
    }

    private final List<Field> fields = new ArrayList<>();

    /** Adds a field; a null value shows as "-". */
    Details add(String label, @Nullable Object value) {
        fields.add(new Field(label, value == null ? "-" : String.valueOf(value)));
        return this;
    }

    void print(PrintWriter out) {
        int width = fields.stream().mapToInt(field -> field.label().length()).max().orElse(0) + 1;
        for (Field field : fields) {
            String label = field.label() + ":";
            out.println(label + " ".repeat(width - label.length() + 1) + field.value());
        }
        out.flush();
    }
}
