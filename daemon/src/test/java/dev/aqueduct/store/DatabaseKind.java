package dev.aqueduct.store;

/**
 * The databases the storage tests run on. A test class annotated
 * {@code @ParameterizedClass @EnumSource(DatabaseKind.class)} runs once per kind, from the same code.
 */
public enum DatabaseKind {
    SQLITE,
    POSTGRESQL
}
