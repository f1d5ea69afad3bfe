/**
 * The records of the admin API under {@code /admin/v1}, as the daemon writes them and the
 * console and the command line read them: snake_case JSON fields, times as ISO-8601 UTC.
 * Answers show every field, {@code null} included; request bodies leave out what is not set.
 */
@NullMarked
package dev.aqueduct.common.admin;

import org.jspecify.annotations.NullMarked;
