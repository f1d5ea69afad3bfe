package dev.aqueduct.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConfigLoaderTest {
    private static final String PROVIDER = "providers:\n  - { name: openai, base-url: \"https://api.openai.com/v1\","
            + " api-key: \"${OPENAI_API_KEY}\" }\n";
    private static final String MODEL = "models:\n  - { name: gpt-4o-mini, aliases: [mini],"
            + " deployments: [{ provider: openai }] }\n";

    @TempDir
    Path directory;

    private GatewayConfig load(String yaml, Map<String, String> environment) throws IOException {
        Path file = directory.resolve("aqueduct.yaml");
        Files.writeString(file, yaml);
        return new ConfigLoader(environment).load(file);
    }

    @Test
    void fillsDefaultsAndResolvesEnvironmentReferences() throws IOException {
        GatewayConfig config = load(PROVIDER + MODEL, Map.of("OPENAI_API_KEY", "sk-test"));

        assertThat(config.server()).isEqualTo(new ServerConfig("127.0.0.1", 8080, 32L * 1024 * 1024, 30, true));
        assertThat(config.database().url()).isEqualTo("jdbc:sqlite:data/aqueduct.db");
        assertThat(config.database().connectTimeoutSeconds()).isEqualTo(60);
        assertThat(config.auth().keyCacheSeconds()).isEqualTo(10);
        assertThat(config.usage()).isEqualTo(new UsageConfig(65_536, 1000, 1000, "batched", null, 1L << 30, 90));
        assertThat(config.providers().getFirst().apiKey()).isEqualTo("sk-test");
        assertThat(config.providers().getFirst().baseUrl()).isEqualTo(URI.create("https://api.openai.com/v1"));
        assertThat(config.providers().getFirst().toString()).doesNotContain("sk-test");
        assertThat(config.models().getFirst().deployments().getFirst().model()).isNull();
    }

    @Test
    void commandsThatOnlyUseTheDatabaseNeedNoProviderSecrets() throws IOException {
        Path file = directory.resolve("aqueduct.yaml");
        Files.writeString(file, PROVIDER + MODEL + "database: { url: \"jdbc:sqlite:${DATA}/a.db\" }\n");

        GatewayConfig config = new ConfigLoader(Map.of("DATA", "/srv")).loadForDatabase(file);

        assertThat(config.database().url()).isEqualTo("jdbc:sqlite:/srv/a.db");
        assertThatThrownBy(() -> new ConfigLoader(Map.of()).loadForDatabase(file))
                .hasMessageContaining("database.url: environment variable DATA is not set");
        assertThatThrownBy(() -> new ConfigLoader(Map.of("DATA", "/srv")).load(file))
                .hasMessageContaining("providers[0].api-key: environment variable OPENAI_API_KEY is not set");
    }

    @Test
    void metricsAreOnWithoutATokenUnlessConfigured() throws IOException {
        assertThat(load("", Map.of()).metrics()).isEqualTo(new MetricsConfig(true, null));

        GatewayConfig config = load("metrics: { enabled: false, token: \"${METRICS_TOKEN}\" }\n",
                Map.of("METRICS_TOKEN", "scrape-secret"));

        assertThat(config.metrics()).isEqualTo(new MetricsConfig(false, "scrape-secret"));
        assertThat(config.metrics().toString()).doesNotContain("scrape-secret");
    }

    @Test
    void relaysOnTheIoThreadsUnlessConfiguredNotTo() throws IOException {
        assertThat(load("", Map.of()).server().fastRelay()).isTrue();

        assertThat(load("server: { fast-relay: false }\n", Map.of()).server().fastRelay()).isFalse();
    }

    @Test
    void anEmptyFileIsAGatewayWithNoModels() throws IOException {
        assertThat(load("", Map.of()).models()).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "server: { port: 70000 }|server.port: must be between 0 and 65535",
        "server: { port: eighty }|server.port: expected a whole number",
        "server: { prot: 80 }|server.prot: unknown field",
        "server: { fast-relay: sometimes }|server.fast-relay: ",
        "server: { fast_relay: false }|server.fast_relay: unknown field",
        "database: { url: \"mysql://x\" }|database.url: must start with jdbc:sqlite: or jdbc:postgresql:",
        "database: { connect-timeout-seconds: -1 }|database.connect-timeout-seconds: must be 0 or more",
        "usage: { retention-days: -5 }|usage.retention-days: must be 0 (keep forever) or more",
        "providers: [{ name: a, base-url: \"ftp://x\" }]|providers[0].base-url: must be an http or https URL",
        "providers: [{ name: a, base-url: \"http://x\", api-key: \"${NOPE}\" }]|providers[0].api-key: environment variable NOPE is not set",
        "models: [{ name: m, deployments: [{ provider: ghost }] }]"
                + "|models[0].deployments[0].provider: unknown provider 'ghost'",
        "models: [{ name: m }]|models[0].deployments: needs at least one deployment",
        "server: [1, 2]|server: expected a ServerConfig section",
        "- just\\n- a list|must hold a YAML mapping",
        "models: {}|models: expected a list",
        "server: 5|server: expected a ServerConfig section",
        "models: [{ name: m, aliases: mini, deployments: [] }]|models[0].aliases: expected a list",
        "auth: { key-cache-seconds: 1.5 }|auth.key-cache-seconds: expected a whole number",
        "usage: { durability: eventually }|usage.durability: must be batched or strict, got 'eventually'",
        "usage: { spool-dir: \"\" }|usage.spool-dir: must not be empty",
        "usage: { spool-max-bytes: 100 }|usage.spool-max-bytes: must be at least 4096, got 100",
        "server: { port: 1 }\\nserver: { port: 2 }|Duplicate field 'server'",
        "models: [{ name: m, deployments: [{ provider: p, model: \"\" }] }]\\nproviders: [{ name: p, base-url: \"http://x\" }]|models[0].deployments[0].model: must not be empty",
        "server: { port: 80|not valid YAML at line",
        "metrics: { token: \"\" }|metrics.token: must not be empty",
        "metrics: { token: \"two words\" }|metrics.token: must be printable ASCII without spaces",
        "metrics: { enabled: maybe }|metrics.enabled: ",
        "metrics: { tokn: x }|metrics.tokn: unknown field"
    })
    void namesTheFileTheFieldAndTheProblem(String yaml, String message) {
        assertThatThrownBy(() -> load(yaml.replace("\\n", "\n"), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(directory.resolve("aqueduct.yaml").toString())
                .hasMessageContaining(message);
    }

    @Test
    void refusesAnAliasThatShadowsAnotherModel() {
        String yaml = PROVIDER + "models:\n  - { name: a, deployments: [{ provider: openai }] }\n"
                + "  - { name: b, aliases: [a], deployments: [{ provider: openai }] }\n";
        assertThatThrownBy(() -> load(yaml, Map.of("OPENAI_API_KEY", "k")))
                .hasMessageContaining("models[1].aliases[0]: 'a' is already used at models[0].name");
    }

    @Test
    void saysWhenTheFileIsMissing() {
        assertThatThrownBy(() -> new ConfigLoader(Map.of()).load(directory.resolve("absent.yaml")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("absent.yaml: no such file");
    }
}
