package dev.aqueduct.admin;

import org.jspecify.annotations.Nullable;

/** Checks of request fields that JSON binding cannot make, each refusal a 400 naming the field. */
final class Fields {
    /** The longest name of an organization, team, user, service account or key. */
    static final int MAX_NAME_LENGTH = 100;

    private Fields() {
    }

    /** A value that must be present. */
    static <T> T required(@Nullable T value, String param) {
        if (value == null) {
            throw AdminErrors.invalid(param, "'" + param + "' is required");
        }
        return value;
    }

    /** A name: present, stripped of surrounding blanks, 1 to {@value #MAX_NAME_LENGTH} characters, printable. */
    static String name(@Nullable String value, String param) {
        String name = required(value, param).strip();
        if (name.isEmpty() || name.length() > MAX_NAME_LENGTH) {
            throw AdminErrors.invalid(param, "'" + param + "' must be 1 to " + MAX_NAME_LENGTH + " characters");
        }
        if (name.chars().anyMatch(Character::isISOControl)) {
            throw AdminErrors.invalid(param, "'" + param + "' must not contain control characters");
        }
        return name;
    }
}
