package dev.aqueduct.config;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.aqueduct.common.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the YAML configuration, resolves {@code ${VAR}} environment references and validates
 * the result, so that a daemon never starts on a configuration it would fail on later.
 */
public final class ConfigLoader {
    private static final ObjectMapper YAML = Json.configure(new ObjectMapper(new YAMLFactory()))
            .setPropertyNamingStrategy(PropertyNamingStrategies.KEBAB_CASE)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);

    private static final Pattern JAVA_TYPE = Pattern.compile("`((?:java|dev)\\.[\\w.$<>]+)`");

    private final Map<String, String> environment;

    public ConfigLoader(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
    }

    /** A loader that resolves references against this process's environment. */
    public static ConfigLoader fromSystemEnvironment() {
        return new ConfigLoader(System.getenv());
    }

    /** Loads and validates {@code file}; every problem is a {@link ConfigException} naming file and field. */
    public GatewayConfig load(Path file) {
        return load(file, path -> true);
    }

    /**
     * Loads {@code file} for commands that only use the database: environment references outside
     * the {@code database} section may be unset, so managing keys needs no provider secrets.
     */
    public GatewayConfig loadForDatabase(Path file) {
        return load(file, path -> path.startsWith("database"));
    }

    private GatewayConfig load(Path file, Predicate<String> variableRequired) {
        String name = file.toString();
        JsonNode tree = readTree(file);
        new EnvironmentReferences(name, environment, variableRequired).resolve(tree);
        GatewayConfig config = bind(name, tree);
        new ConfigValidator(name).validate(config);
        return config;
    }

    private static JsonNode readTree(Path file) {
        try {
            JsonNode tree = YAML.readTree(Files.readString(file));
            if (tree == null || tree.isMissingNode() || tree.isNull()) {
                return YAML.createObjectNode();
            }
            if (!tree.isObject()) {
                throw new ConfigException(file + ": the file must hold a YAML mapping (server:, providers:, models:)");
            }
            return tree;
        } catch (NoSuchFileException e) {
            throw new ConfigException(file + ": no such file; pass an existing file with --config");
        } catch (JacksonException e) {
            throw new ConfigException(file + ": not valid YAML at line " + e.getLocation().getLineNr()
                    + ": " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new ConfigException(file + ": cannot be read: " + e.getMessage(), e);
        }
    }

    private static GatewayConfig bind(String file, JsonNode tree) {
        try {
            return YAML.treeToValue(tree, GatewayConfig.class);
        } catch (UnrecognizedPropertyException e) {
            throw new ConfigException(file + ": " + fieldPath(e) + ": unknown field; known fields here: "
                    + e.getKnownPropertyIds());
        } catch (JsonMappingException e) {
            throw new ConfigException(file + ": " + fieldPath(e) + ": " + simpleMessage(e));
        } catch (IOException e) {
            throw new ConfigException(file + ": cannot be read: " + e.getMessage(), e);
        }
    }

    static String fieldPath(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            } else if (ref.getFieldName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(ref.getFieldName());
            }
        }
        return path.isEmpty() ? "(top level)" : path.toString();
    }

    private static String simpleMessage(JsonMappingException e) {
        String message = e.getOriginalMessage();
        Matcher type = JAVA_TYPE.matcher(message);
        boolean wrongType = message.startsWith("Cannot deserialize") || message.startsWith("Cannot coerce")
                || message.startsWith("Cannot construct instance");
        if (wrongType && type.find()) {
            return "expected " + friendlyType(type.group(1)) + ", got something else";
        }
        return message.lines().findFirst().orElse(message);
    }

    private static String friendlyType(String declared) {
        int generic = declared.indexOf('<');
        String javaType = generic < 0 ? declared : declared.substring(0, generic);
        return switch (javaType) {
            case "int", "java.lang.Integer", "long", "java.lang.Long" -> "a whole number";
            case "java.lang.String" -> "a string";
            case "java.util.List", "java.util.ArrayList" -> "a list";
            case "java.net.URI" -> "a URL";
            default -> "a " + javaType.substring(javaType.lastIndexOf('.') + 1) + " section";
        };
    }
}
