/** Measurements of the gateway's own parts, run from the command line; see {@code bench/README.md}. */
@NullMarked
package dev.aqueduct.bench;

import org.jspecify.annotations.NullMarked;
