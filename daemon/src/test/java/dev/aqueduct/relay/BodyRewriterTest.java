package dev.aqueduct.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aqueduct.http.ApiException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class BodyRewriterTest {
    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String rewrite(String body, String upstreamModel, boolean forceUsage) {
        byte[] raw = bytes(body);
        InspectedRequest request = RequestInspector.inspect(raw);
        return new String(BodyRewriter.rewrite(raw, request, upstreamModel, forceUsage), StandardCharsets.UTF_8);
    }

    @Test
    void leavesBodyUntouchedWhenNothingChanges() {
        String body = "{\"model\":\"m\",  \"temperature\": 0.70000000000000001, \"x\":[1,2]}";
        assertThat(rewrite(body, "m", false)).isEqualTo(body);
    }

    @Test
    void renamesModelAndKeepsEveryOtherByte() {
        String messages = "{ \"messages\":[{\"role\":\"user\",\"content\":\"h\\u00e9\"}], ";
        assertThat(rewrite(messages + "\"model\" : \"mini\", \"n\":1.50}", "gpt-4o-mini", false))
                .isEqualTo(messages + "\"model\" : \"gpt-4o-mini\", \"n\":1.50}");
    }

    @Test
    void addsStreamOptionsWhenAbsent() {
        assertThat(rewrite("{\"model\":\"m\",\"stream\":true}", "m", true))
                .isEqualTo("{\"model\":\"m\",\"stream\":true,\"stream_options\":{\"include_usage\":true}}");
    }

    @Test
    void turnsOnUsageInsideExistingStreamOptions() {
        assertThat(rewrite("{\"stream_options\":{\"include_usage\":false,\"k\":1},\"model\":\"a\",\"stream\":true}",
                "b", true))
                .isEqualTo("{\"stream_options\":{\"include_usage\":true,\"k\":1},\"model\":\"b\",\"stream\":true}");
    }

    @Test
    void replacesANullStreamOptionsInsteadOfAddingASecondOne() {
        assertThat(rewrite("{\"model\":\"m\",\"stream_options\":null,\"stream\":true}", "m", true))
                .isEqualTo("{\"model\":\"m\",\"stream_options\":{\"include_usage\":true},\"stream\":true}");
    }

    @Test
    void escapesUpstreamModelNames() {
        assertThat(rewrite("{\"model\":\"m\"}", "org/\"odd\"", false)).isEqualTo("{\"model\":\"org/\\\"odd\\\"\"}");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "[1,2]|must be a JSON object",
        "\"text\"|must be a JSON object",
        "``|must be a JSON object",
        "{\"model\":3}|'model' must be a string",
        "{\"stream\":true}|you must provide a model parameter",
        "{\"model\":\"\"}|you must provide a model parameter",
        "{\"model\":\"a\",\"model\":\"b\"}|appears more than once",
        "{\"model\":\"a\"} {}|exactly one JSON object",
        "{\"model\":\"a\",|could not parse the JSON body",
        "{\"model\":\"a\" \"x\":1}|could not parse the JSON body"
    })
    void refusesMalformedBodiesWithAClearMessage(String body, String message) {
        assertThatThrownBy(() -> RequestInspector.inspect(bytes(body)))
                .isInstanceOf(ApiException.class)
                .hasMessageContaining(message)
                .satisfies(e -> assertThat(((ApiException) e).status()).isEqualTo(400));
    }
}
