/** API keys: generation, hashing, storage, listing and revocation. */
@NullMarked
package dev.aqueduct.keys;

import org.jspecify.annotations.NullMarked;
