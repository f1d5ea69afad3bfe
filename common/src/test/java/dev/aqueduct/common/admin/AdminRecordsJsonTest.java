package dev.aqueduct.common.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aqueduct.common.json.Json;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AdminRecordsJsonTest {
    private static final ObjectMapper JSON = Json.mapper();
    private static final Instant CREATED = Instant.parse("2025-03-01T10:15:30.123Z");

    @Test
    void writesKeysWithSnakeCaseFieldsIsoTimesAndExplicitNulls() throws Exception {
        Key key = new Key("key_1", "laptop", "aqk-abcdefgh", Scope.INFERENCE, "org_1", null,
                new Owner(OwnerType.USER, "usr_1", "a@example.com"), CREATED, null, null, null);

        Map<String, Object> json = JSON.readValue(JSON.writeValueAsString(key), new TypeReference<>() { });

        assertThat(json).containsEntry("org_id", "org_1").containsEntry("created_at", "2025-03-01T10:15:30.123Z")
                .containsEntry("scope", "inference").containsEntry("expires_at", null)
                .containsEntry("owner", Map.of("type", "user", "id", "usr_1", "name", "a@example.com"))
                .doesNotContainKey("secret");
    }

    @Test
    void readsBackWhatItWrites() throws Exception {
        Key key = new Key("key_1", "ci", "aqm-abcdefgh", Scope.MANAGEMENT, "org_1", "team_1",
                new Owner(OwnerType.SERVICE_ACCOUNT, "sa_1", "deployer"), CREATED, CREATED.plusSeconds(60),
                null, null);
        CreatedKey created = CreatedKey.of(key, "aqm-secret");
        Page<Key> page = new Page<>(List.of(key), true, "key_1");
        Policy policy = new Policy(new ModelAccess(List.of("mini"), List.of()),
                new Limits(10L, null, 2L, null, 1_000_000L,
                        Map.of("mini", new ModelLimits(5L, null, null, null, null))));

        assertThat(JSON.readValue(JSON.writeValueAsString(created), CreatedKey.class)).isEqualTo(created);
        assertThat(JSON.readValue(JSON.writeValueAsString(page), new TypeReference<Page<Key>>() { }))
                .isEqualTo(page);
        assertThat(JSON.readValue(JSON.writeValueAsString(policy), Policy.class)).isEqualTo(policy);
        assertThat(created.toString()).doesNotContain("aqm-secret");
    }

    @Test
    void pagesAlwaysCarryNextAfter() throws Exception {
        assertThat(JSON.writeValueAsString(new Page<>(List.of(), false, null)))
                .isEqualTo("{\"data\":[],\"has_more\":false,\"next_after\":null}");
    }

    @Test
    void rolesUseTheirSnakeCaseNamesOnly() throws Exception {
        assertThat(JSON.writeValueAsString(Role.TEAM_ADMIN)).isEqualTo("\"team_admin\"");
        assertThat(JSON.readValue("{\"email\":\"a@b.c\",\"org_id\":\"o\",\"role\":\"org_admin\"}", CreateUser.class))
                .isEqualTo(new CreateUser("a@b.c", null, "o", Role.ORG_ADMIN));
        assertThatThrownBy(() -> JSON.readValue("{\"role\":\"ORG_ADMIN\"}", UpdateUser.class))
                .isInstanceOf(JsonMappingException.class);
        assertThat(Role.ORG_ADMIN.atLeast(Role.TEAM_ADMIN)).isTrue();
        assertThat(Role.USER.atLeast(Role.TEAM_ADMIN)).isFalse();
    }

    @Test
    void refusesUnknownFieldsInRequestBodies() {
        assertThatThrownBy(() -> JSON.readValue("{\"name\":\"x\",\"nmae\":\"y\"}", CreateTeam.class))
                .isInstanceOf(JsonMappingException.class).hasMessageContaining("nmae");
    }
}
