/**
 * The source-agnostic change: what capture adapters produce and the projector consumes. Nothing here
 * knows which database or which capture technology a change came from.
 */
package dev.monobridge.projector.change;
