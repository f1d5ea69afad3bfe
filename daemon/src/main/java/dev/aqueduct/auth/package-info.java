/** Who is calling: API key extraction, cached lookup and the resulting principal. */
@NullMarked
package dev.aqueduct.auth;

import org.jspecify.annotations.NullMarked;
