/** The {@code aqueduct} command line: thin picocli commands over the daemon's services. */
@NullMarked
package dev.aqueduct.cli;

import org.jspecify.annotations.NullMarked;
