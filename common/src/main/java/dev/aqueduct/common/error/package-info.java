/** The error shape that clients of the gateway see. */
@NullMarked
package dev.aqueduct.common.error;

import org.jspecify.annotations.NullMarked;
