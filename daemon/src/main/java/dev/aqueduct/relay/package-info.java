/**
 * The relay: reads just enough of a client's request to route it, sends it upstream with the
 * provider's key, streams the answer back unchanged and counts the tokens on the way.
 */
@NullMarked
package dev.aqueduct.relay;

import org.jspecify.annotations.NullMarked;
