package dev.aqueduct.metrics;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A fixed set of label values, each with a slot number, plus one fallback value for anything
 * outside the set. This is what keeps label values bounded: a client can name any model, but
 * only configured names ever become a label.
 */
final class LabelIndex {
    private final Map<String, Integer> slots = new HashMap<>();
    private final List<String> values = new ArrayList<>();
    private final int fallback;

    LabelIndex(List<String> known, String fallback) {
        for (String value : known) {
            slots.computeIfAbsent(value, v -> {
                values.add(v);
                return values.size() - 1;
            });
        }
        // A configured value equal to the fallback shares its slot, so no two slots write one series.
        this.fallback = slots.computeIfAbsent(fallback, v -> {
            values.add(v);
            return values.size() - 1;
        });
    }

    /** The slot of {@code value}, or the fallback's slot when it is not in the set. */
    int slot(String value) {
        Integer slot = slots.get(value);
        return slot == null ? fallback : slot;
    }

    String value(int slot) {
        return values.get(slot);
    }

    int size() {
        return values.size();
    }
}
