/** HTTP plumbing shared by every handler: the OpenAI error shape, request ids and JSON replies. */
@NullMarked
package dev.aqueduct.http;

import org.jspecify.annotations.NullMarked;
