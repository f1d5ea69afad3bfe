/** Usage accounting: events from the relay, the buffer and batch writer, rollups and reports. */
@NullMarked
package dev.aqueduct.usage;

import org.jspecify.annotations.NullMarked;
