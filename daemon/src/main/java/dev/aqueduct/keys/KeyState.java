package dev.aqueduct.keys;

import java.util.Locale;

/** Whether a key works at a given moment, and if not, why. */
public enum KeyState {
    ACTIVE,
    REVOKED,
    EXPIRED,
    /** The owning user is disabled. */
    OWNER_DISABLED;

    /** The state in listings, such as {@code active} or {@code owner disabled}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }
}
