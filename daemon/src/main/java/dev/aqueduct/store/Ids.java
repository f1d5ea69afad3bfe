package dev.aqueduct.store;

import java.security.SecureRandom;
import java.util.Base64;

/**
 * Random ids for stored rows, made in Java so that SQLite and PostgreSQL need no sequences:
 * a short type prefix and 128 random bits, URL-safe, such as {@code usr_3qJb0Yw9TnS1xkXc2mP7fA}.
 */
public final class Ids {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

    private Ids() {
    }

    /** A new id of the given type, such as {@code next("org")}. */
    public static String next(String type) {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return type + "_" + ENCODER.encodeToString(bytes);
    }
}
