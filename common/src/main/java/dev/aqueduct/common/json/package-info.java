/** JSON setup shared by every part of the project. */
@NullMarked
package dev.aqueduct.common.json;

import org.jspecify.annotations.NullMarked;
