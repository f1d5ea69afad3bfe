package dev.aqueduct.common.admin;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * What a key may be used for: {@code inference} keys ({@code aqk-...}) call models under
 * {@code /v1}, {@code management} keys ({@code aqm-...}) call the admin API.
 */
public enum Scope {
    INFERENCE("inference"),
    MANAGEMENT("management");

    private final String value;

    Scope(String value) {
        this.value = value;
    }

    /** The name in JSON, such as {@code inference}. */
    @JsonValue
    public String value() {
        return value;
    }

    /**
     * The scope named exactly {@code text}.
     *
     * @throws IllegalArgumentException when no scope has that name
     */
    @JsonCreator
    public static Scope parse(String text) {
        for (Scope scope : values()) {
            if (scope.value.equals(text)) {
                return scope;
            }
        }
        throw new IllegalArgumentException("Unknown scope '" + text + "'; known scopes: inference, management");
    }
}
