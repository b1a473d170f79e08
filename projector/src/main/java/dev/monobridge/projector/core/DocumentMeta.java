package dev.monobridge.projector.core;

import java.time.Instant;

import dev.monobridge.projector.change.SourcePosition;

/**
 * What a write records in the document's {@code _meta}, besides the write time the writer adds.
 * Position and commit time only ever move forward, so writers combine them with the stored values by
 * maximum: a replayed or late write cannot move them back. The commit time is {@code null} when only
 * the passing of time (a retention rule) changed the document.
 */
public record DocumentMeta(String projection, int version, SourcePosition position, Instant commitTime) {
}
