/** Organizations, teams, users, memberships and service accounts. */
@NullMarked
package dev.aqueduct.identity;

import org.jspecify.annotations.NullMarked;
