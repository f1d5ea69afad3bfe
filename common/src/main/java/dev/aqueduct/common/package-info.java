/** Types shared by the daemon, the console and the command line. */
@NullMarked
package dev.aqueduct.common;

import org.jspecify.annotations.NullMarked;
