/**
 * The admin API under {@code /admin/v1}: who is calling, what their role lets them see and do,
 * the resources (organizations, teams, members, users, service accounts, keys, policies) and the
 * audit entry every change writes in its own transaction.
 */
@NullMarked
package dev.aqueduct.admin;

import org.jspecify.annotations.NullMarked;
