package dev.aqueduct.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aqueduct.http.ApiException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class RequestInspectorTest {
    @Test
    void saysWhereABodyCutShortEndsWithoutNamingTheParsersSettings() {
        byte[] cut = "{\"model\":\"mini\",\"messages\":[".getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> RequestInspector.inspect(cut)).isInstanceOfSatisfying(ApiException.class, e -> {
            assertThat(e.status()).isEqualTo(400);
            assertThat(e.getMessage()).startsWith("We could not parse the JSON body of your request: Unexpected end")
                    .contains("(start marker at line 1, column 28)")
                    .doesNotContain("Source", "REDACTED", "StreamReadFeature");
        });
    }

    @Test
    void readsModelAndStreamOfAWellFormedBody() {
        InspectedRequest request = RequestInspector.inspect(
                "{\"stream\":true,\"model\":\"mini\",\"x\":[1,{\"model\":\"no\"}]}".getBytes(StandardCharsets.UTF_8));

        assertThat(request.model()).isEqualTo("mini");
        assertThat(request.stream()).isTrue();
        assertThat(request.includeUsage()).isFalse();
    }
}
