/**
 * Single sign-on: tokens from the organization's OpenID Connect provider are checked against
 * the provider's published keys, and the signed-in user, their organizations and teams are
 * provisioned from the token's groups.
 */
@NullMarked
package dev.aqueduct.oidc;

import org.jspecify.annotations.NullMarked;
