/** The models clients may name: aliases, deployments and the {@code /v1/models} listing. */
@NullMarked
package dev.aqueduct.models;

import org.jspecify.annotations.NullMarked;
