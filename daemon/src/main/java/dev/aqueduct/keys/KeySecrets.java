package dev.aqueduct.keys;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Makes and hashes key secrets. A secret is its scope's prefix and 256 random bits in URL-safe
 * base64, such as {@code aqk-3fXk9PqL...} (47 characters). With that much randomness a plain
 * SHA-256 is a safe stored form: there is nothing to guess, so no slow password hash is needed,
 * and the relay can look a key up by its hash in one indexed query.
 */
public final class KeySecrets {
    /** Random bytes in every secret: 256 bits. */
    public static final int SECRET_BYTES = 32;
    /** Characters of the secret shown in listings: the scope prefix and 8 random characters. */
    public static final int PREFIX_LENGTH = 12;

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final HexFormat HEX = HexFormat.of();

    private KeySecrets() {
    }

    /** A new secret for a key of {@code scope}. */
    public static String generate(KeyScope scope) {
        byte[] bytes = new byte[SECRET_BYTES];
        RANDOM.nextBytes(bytes);
        return scope.secretPrefix() + ENCODER.encodeToString(bytes);
    }

    /** The lower-case hex SHA-256 of {@code secret}: what is stored and looked up. */
    public static String hash(String secret) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HEX.formatHex(digest.digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime provides SHA-256", e);
        }
    }

    /** The part of {@code secret} that is safe to show, so people can tell their keys apart. */
    public static String prefix(String secret) {
        return secret.substring(0, Math.min(PREFIX_LENGTH, secret.length()));
    }
}
