/** Projection definitions: the YAML format, its reader, and validation with file and line. */
package dev.monobridge.projector.definition;
