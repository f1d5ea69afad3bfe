/** The daemon: the Undertow server, routing, and starting and stopping every part in order. */
@NullMarked
package dev.aqueduct.server;

import org.jspecify.annotations.NullMarked;
