package dev.aqueduct.simulator;

import org.jspecify.annotations.Nullable;

/**
 * A file field of a multipart form.
 *
 * @param name the form field name, such as {@code file}
 * @param filename the file name the client gave, if any
 * @param bytes the exact bytes between the part's headers and the next boundary
 */
record FilePart(String name, @Nullable String filename, byte[] bytes) {
}
