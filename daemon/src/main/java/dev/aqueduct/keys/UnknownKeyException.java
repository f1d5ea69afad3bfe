package dev.aqueduct.keys;

/** No key has the given id or prefix. */
public final class UnknownKeyException extends KeyException {
    private static final long serialVersionUID = 1L;

    public UnknownKeyException(String idOrPrefix) {
        super("No key has id or prefix '" + idOrPrefix + "'; see the keys with: aqueduct keys list");
    }
}
