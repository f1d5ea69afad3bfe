package dev.aqueduct.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replaces {@code ${NAME}} in string values with the environment variable NAME, so secrets live
 * in the environment (or a systemd environment file) and not in the configuration file.
 */
final class EnvironmentReferences {
    private static final Pattern REFERENCE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)}");

    private final String file;
    private final Map<String, String> environment;
    private final Predicate<String> required;

    /**
     * @param required which fields (by path, such as {@code providers[0].api-key}) must have
     *     their variables set; a missing variable elsewhere leaves the reference as written
     */
    EnvironmentReferences(String file, Map<String, String> environment, Predicate<String> required) {
        this.file = file;
        this.environment = environment;
        this.required = required;
    }

    void resolve(JsonNode tree) {
        resolve(tree, "");
    }

    private void resolve(JsonNode node, String path) {
        if (node instanceof ObjectNode object) {
            for (var entry : object.properties()) {
                String childPath = path.isEmpty() ? entry.getKey() : path + "." + entry.getKey();
                JsonNode value = entry.getValue();
                if (value.isTextual()) {
                    entry.setValue(new TextNode(substitute(value.asText(), childPath)));
                } else {
                    resolve(value, childPath);
                }
            }
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                JsonNode value = array.get(i);
                if (value.isTextual()) {
                    array.set(i, new TextNode(substitute(value.asText(), path + "[" + i + "]")));
                } else {
                    resolve(value, path + "[" + i + "]");
                }
            }
        }
    }

    private String substitute(String text, String path) {
        Matcher matcher = REFERENCE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String name = matcher.group(1);
            String value = environment.get(name);
            if (value == null && !required.test(path)) {
                value = matcher.group();
            } else if (value == null) {
                throw new ConfigException(file + ": " + path + ": environment variable " + name
                        + " is not set; export it or remove the reference");
            }
            matcher.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        matcher.appendTail(out);
        return out.toString();
    }
}
