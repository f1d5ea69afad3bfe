package dev.aqueduct.keys;

/**
 * What a key may be used for. Inference keys call models under {@code /v1}; management keys call
 * the admin API. Keeping them apart means a leaked inference key never manages anything.
 */
public enum KeyScope {
    INFERENCE("aqk-"),
    MANAGEMENT("aqm-");

    private final String secretPrefix;

    KeyScope(String secretPrefix) {
        this.secretPrefix = secretPrefix;
    }

    /** The recognizable start of every secret of this scope, so scanners and people can spot one. */
    public String secretPrefix() {
        return secretPrefix;
    }
}
