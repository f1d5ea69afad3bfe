/** The gateway's YAML configuration: its shape, defaults, environment references and validation. */
@NullMarked
package dev.aqueduct.config;

import org.jspecify.annotations.NullMarked;
