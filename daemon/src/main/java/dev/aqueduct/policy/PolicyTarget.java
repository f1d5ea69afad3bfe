package dev.aqueduct.policy;

import java.util.Optional;

/** What a policy is set on; policies are inherited down from organization to team, user and key. */
public enum PolicyTarget {
    ORG("org"),
    TEAM("team"),
    USER("user"),
    KEY("key");

    private final String value;

    PolicyTarget(String value) {
        this.value = value;
    }

    /** The name in URLs and in the database, such as {@code team}. */
    public String value() {
        return value;
    }

    /** The target named exactly {@code text}, if any. */
    public static Optional<PolicyTarget> parse(String text) {
        for (PolicyTarget target : values()) {
            if (target.value.equals(text)) {
                return Optional.of(target);
            }
        }
        return Optional.empty();
    }
}
