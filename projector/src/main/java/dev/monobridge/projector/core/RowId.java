package dev.monobridge.projector.core;

import dev.monobridge.projector.change.RowKey;

/** A source row's identity: its table and primary key. */
public record RowId(String table, RowKey key) {

    @Override
    public String toString() {
        return table + key;
    }
}
