package dev.aqueduct.common.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class AdminClientBuilderTest {
    @ParameterizedTest
    @CsvSource({
        "http://127.0.0.1:8080, http://127.0.0.1:8080/admin/v1",
        "http://127.0.0.1:8080/, http://127.0.0.1:8080/admin/v1",
        "http://127.0.0.1:8080/admin/v1, http://127.0.0.1:8080/admin/v1",
        "https://example.com/gateway/admin/v1/, https://example.com/gateway/admin/v1",
        "https://example.com/gateway, https://example.com/gateway/admin/v1"
    })
    void findsTheAdminApiBelowTheServerUrl(String given, String api) {
        assertThat(AdminClientBuilder.apiBase(given).toString()).isEqualTo(api);
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1:8080", "ftp://example.com", "http://", "http://example.com/?x=1"})
    void refusesWhatIsNotAnHttpUrl(String given) {
        assertThatThrownBy(() -> AdminClientBuilder.apiBase(given))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("'" + given + "' is not an http or https URL such as http://127.0.0.1:8080");
    }
}
