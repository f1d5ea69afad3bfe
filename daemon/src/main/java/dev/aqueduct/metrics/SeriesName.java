package dev.aqueduct.metrics;

/**
 * Names series in the registry the way Prometheus writes them, {@code family{label="value",...}},
 * so the exposition writer can split a registry name back into family and labels. Label values
 * are escaped here, once, when a series is created.
 */
final class SeriesName {
    private SeriesName() {
    }

    /** {@code family{name1="value1",...}} from alternating label names and values. */
    static String of(String family, String... labels) {
        if (labels.length == 0) {
            return family;
        }
        StringBuilder name = new StringBuilder(family).append('{');
        for (int i = 0; i < labels.length; i += 2) {
            if (i > 0) {
                name.append(',');
            }
            name.append(labels[i]).append("=\"");
            escape(labels[i + 1], name);
            name.append('"');
        }
        return name.append('}').toString();
    }

    /** The family part of a registry name. */
    static String family(String name) {
        int brace = name.indexOf('{');
        return brace < 0 ? name : name.substring(0, brace);
    }

    /** The labels of a registry name without braces, such as {@code model="a"}; empty when it has none. */
    static String labels(String name) {
        int brace = name.indexOf('{');
        return brace < 0 ? "" : name.substring(brace + 1, name.length() - 1);
    }

    private static void escape(String value, StringBuilder into) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> into.append("\\\\");
                case '"' -> into.append("\\\"");
                case '\n' -> into.append("\\n");
                default -> into.append(c);
            }
        }
    }
}
