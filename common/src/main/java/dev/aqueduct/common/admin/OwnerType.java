package dev.aqueduct.common.admin;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** Who can own a key: a person, or a team's service account. */
public enum OwnerType {
    USER("user"),
    SERVICE_ACCOUNT("service_account");

    private final String value;

    OwnerType(String value) {
        this.value = value;
    }

    /** The name in JSON, such as {@code service_account}. */
    @JsonValue
    public String value() {
        return value;
    }

    /**
     * The owner type named exactly {@code text}.
     *
     * @throws IllegalArgumentException when no owner type has that name
     */
    @JsonCreator
    public static OwnerType parse(String text) {
        for (OwnerType type : values()) {
            if (type.value.equals(text)) {
                return type;
            }
        }
        throw new IllegalArgumentException("Unknown owner type '" + text + "'; known: user, service_account");
    }
}
