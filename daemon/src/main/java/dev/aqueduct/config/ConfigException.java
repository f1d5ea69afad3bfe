package dev.aqueduct.config;

import dev.aqueduct.common.AqueductException;

/** The configuration file cannot be used; the message names the file, the field and the problem. */
public final class ConfigException extends AqueductException {
    private static final long serialVersionUID = 1L;

    public ConfigException(String message) {
        super(message);
    }

    public ConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
