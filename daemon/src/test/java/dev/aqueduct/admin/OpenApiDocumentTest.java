package dev.aqueduct.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import dev.aqueduct.common.admin.Organization;
import java.lang.reflect.RecordComponent;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** The OpenAPI document served at {@code /admin/v1/openapi.json} describes exactly the routes and records there are. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OpenApiDocumentTest {
    private static final Set<String> METHODS = Set.of("get", "post", "put", "patch", "delete");

    @TempDir
    static Path directory;

    private static AdminHarness gateway;
    private static JsonNode document;
    private static String text;

    @BeforeAll
    static void fetch() {
        gateway = AdminHarness.start(directory);
        AdminHarness.Reply reply = gateway.get("/openapi.json", null);
        assertThat(reply.status()).isEqualTo(200);
        document = reply.json();
        text = reply.text();
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    @Test
    void namesEveryRouteAndNoOther() {
        Set<String> documented = new TreeSet<>();
        document.path("paths").properties().forEach(path -> path.getValue().properties().stream()
                .filter(op -> METHODS.contains(op.getKey()))
                .forEach(op -> documented.add(op.getKey().toUpperCase(Locale.ROOT) + " " + path.getKey())));
        Set<String> routes = gateway.routes().stream().map(Route::name).collect(Collectors.toCollection(TreeSet::new));

        assertThat(documented).isEqualTo(routes);
    }

    @Test
    void declaresEveryQueryParameterARouteTakes() {
        for (Route route : gateway.routes()) {
            JsonNode operation = document.path("paths").path(route.template())
                    .path(route.method().toLowerCase(Locale.ROOT));
            Set<String> declared = new TreeSet<>();
            operation.path("parameters").forEach(parameter -> {
                JsonNode resolved = resolve(parameter);
                if (resolved.path("in").asText().equals("query")) {
                    declared.add(resolved.path("name").asText());
                }
            });
            assertThat(declared).as(route.name()).isEqualTo(new TreeSet<>(route.query()));
        }
    }

    @Test
    void resolvesEveryReference() {
        Matcher refs = Pattern.compile("\"\\$ref\"\\s*:\\s*\"#/([^\"]+)\"").matcher(text);
        List<String> missing = new ArrayList<>();
        int found = 0;
        while (refs.find()) {
            found++;
            if (document.at("/" + refs.group(1)).isMissingNode()) {
                missing.add(refs.group(1));
            }
        }
        assertThat(found).isGreaterThan(50);
        assertThat(missing).isEmpty();
    }

    @Test
    void describesEachRecordWithItsJsonFields() {
        List<String> checked = new ArrayList<>();
        for (var schema : document.path("components").path("schemas").properties()) {
            Class<?> type = recordNamed(schema.getKey());
            if (type == null || !schema.getValue().has("properties")) {
                continue;
            }
            Set<String> fields = Arrays.stream(type.getRecordComponents()).map(RecordComponent::getName)
                    .map(name -> new PropertyNamingStrategies.SnakeCaseStrategy().translate(name))
                    .collect(Collectors.toCollection(TreeSet::new));
            Set<String> documented = new TreeSet<>();
            schema.getValue().path("properties").fieldNames().forEachRemaining(documented::add);
            assertThat(documented).as(schema.getKey()).isEqualTo(fields);
            checked.add(schema.getKey());
        }
        assertThat(checked).contains("Key", "CreatedKey", "User", "Policy", "Limits", "AuditEntry", "CreateKey");
    }

    private static Class<?> recordNamed(String name) {
        try {
            Class<?> type = Class.forName(Organization.class.getPackageName() + "." + name);
            return type.isRecord() ? type : null;
        } catch (ClassNotFoundException e) {
            return null;
        }
    }

    private static JsonNode resolve(JsonNode node) {
        return node.has("$ref") ? document.at(node.path("$ref").asText().substring(1)) : node;
    }
}
