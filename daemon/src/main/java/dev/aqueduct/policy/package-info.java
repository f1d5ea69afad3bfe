/** Policies on organizations, teams, users and keys: model access and limits, as stored. */
@NullMarked
package dev.aqueduct.policy;

import org.jspecify.annotations.NullMarked;
