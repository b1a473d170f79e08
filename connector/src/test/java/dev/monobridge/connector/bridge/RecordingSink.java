package dev.monobridge.connector.bridge;

import java.util.ArrayList;
import java.util.List;

import dev.monobridge.projector.change.Change;
import dev.monobridge.projector.core.ChangeSink;
import dev.monobridge.projector.core.DeadLetter;

/** Passes batches on to the projector and keeps every change, so that a test can replay the log. */
final class RecordingSink implements ChangeSink {

    private final ChangeSink next;
    private final List<Change> log = new ArrayList<>();

    RecordingSink(ChangeSink next) {
        this.next = next;
    }

    @Override
    public synchronized void accept(List<Change> changes, List<DeadLetter> unreadable) {
        next.accept(changes, unreadable);
        log.addAll(changes);
    }

    synchronized List<Change> log() {
        return List.copyOf(log);
    }
}
