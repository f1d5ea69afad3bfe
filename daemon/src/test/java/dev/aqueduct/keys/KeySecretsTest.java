package dev.aqueduct.keys;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Base64;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class KeySecretsTest {
    @ParameterizedTest
    @EnumSource(KeyScope.class)
    void secretsCarry256RandomBitsAfterTheScopePrefix(KeyScope scope) {
        String secret = KeySecrets.generate(scope);

        assertThat(secret).startsWith(scope.secretPrefix()).hasSize(4 + 43);
        byte[] random = Base64.getUrlDecoder().decode(secret.substring(scope.secretPrefix().length()));
        assertThat(random).hasSize(32);
    }

    @Test
    void secretsAreUrlSafeWithoutPadding() {
        assertThat(KeySecrets.generate(KeyScope.INFERENCE)).matches("aqk-[A-Za-z0-9_-]{43}");
    }

    @Test
    void secretsDoNotRepeat() {
        Set<String> secrets = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            secrets.add(KeySecrets.generate(KeyScope.INFERENCE));
        }
        assertThat(secrets).hasSize(1000);
    }

    @Test
    void prefixIsTheFirstTwelveCharacters() {
        String secret = KeySecrets.generate(KeyScope.MANAGEMENT);

        assertThat(KeySecrets.prefix(secret)).hasSize(12).startsWith("aqm-").isEqualTo(secret.substring(0, 12));
    }

    @Test
    void hashIsLowerCaseHexSha256AndNeverTheSecret() {
        String secret = KeySecrets.generate(KeyScope.INFERENCE);
        String hash = KeySecrets.hash(secret);

        assertThat(hash).matches("[0-9a-f]{64}").isNotEqualTo(secret).doesNotContain(secret.substring(4));
        assertThat(KeySecrets.hash(secret)).isEqualTo(hash);
        assertThat(KeySecrets.hash("abc"))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }

    @Test
    void createdKeyNeverPrintsItsSecret() {
        String secret = KeySecrets.generate(KeyScope.INFERENCE);
        KeyRecord record = new KeyRecord("key_1", KeySecrets.prefix(secret), "n", KeyScope.INFERENCE, "org_1", null,
                "usr_1", null, Instant.EPOCH, null, null, null, false);

        assertThat(new CreatedKey(record, secret).toString()).doesNotContain(secret);
    }
}
