package dev.monobridge.projector.core;

/** The in-heap model keeps the contract. */
class RowStatesContractTest extends RowStateStoreContract {

    @Override
    protected RowStateStore emptyStore() {
        return new RowStates(INDEXED);
    }

    /** What was handed over so far: the model's "storage". */
    private final java.util.List<RowStateStore.StateChanges> handedOver = new java.util.ArrayList<>();

    @Override
    protected RowStateStore.StateChanges handOver(RowStateStore states) {
        RowStateStore.StateChanges changes = states.takeChanges();
        handedOver.add(changes);
        return changes;
    }

    @Override
    protected RowStateStore reopened() {
        RowStates reopened = new RowStates(INDEXED);
        for (RowStateStore.StateChanges changes : handedOver) {
            changes.written().forEach(reopened::load);
            changes.removed().forEach(reopened::forget);
            changes.truncated().forEach(reopened::markTruncated);
        }
        reopened.takeChanges();
        return reopened;
    }
}
