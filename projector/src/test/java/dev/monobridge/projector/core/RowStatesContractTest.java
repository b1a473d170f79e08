package dev.monobridge.projector.core;

/** The in-heap model keeps the contract. */
class RowStatesContractTest extends RowStateStoreContract {

    @Override
    protected RowStateStore emptyStore() {
        return new RowStates(INDEXED);
    }

    @Override
    protected RowStateStore.StateChanges handOver(RowStateStore states) {
        return states.takeChanges();
    }
}
