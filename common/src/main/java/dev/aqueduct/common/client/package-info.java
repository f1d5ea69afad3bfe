/**
 * The client of the admin API under {@code /admin/v1}, shared by the console and the command
 * line: typed calls with the records of {@code dev.aqueduct.common.admin}, paging, and errors
 * as {@link dev.aqueduct.common.client.AdminApiException}.
 */
@NullMarked
package dev.aqueduct.common.client;

import org.jspecify.annotations.NullMarked;
