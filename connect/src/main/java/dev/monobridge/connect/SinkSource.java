package dev.monobridge.connect;

import dev.monobridge.projector.rebuild.SourceSnapshots;

/**
 * The sink's own connection to the source, for rebuilds and repairs: the changes come through Kafka, but a
 * rebuild reads the source in one consistent snapshot, through the source adapter's snapshot reader. It
 * holds no connection while no rebuild runs, and opens none at start, so that a source that is down stops
 * no task: the rebuild that needs it fails, with the reason.
 */
final class SinkSource {

    /** What a rebuild or repair request is answered with when the sink has no source connection. */
    static final String NO_SOURCE_CONNECTION = "this sink has no source connection: set " + SinkSettings.SOURCE_JDBC_URL + ", "
            + SinkSettings.SOURCE_JDBC_USER + " and " + SinkSettings.SOURCE_JDBC_PASSWORD + " in its connector configuration "
            + "to rebuild or repair its projections on Kafka Connect";

    private final SourceSnapshots snapshots;

    SinkSource(SinkSettings.SourceConnection connection) {
        this.snapshots = connection.snapshots().apply(new DriverDataSource(connection));
    }

    /** Consistent snapshots of the source, as the embedded bridge's rebuilds read them. */
    SourceSnapshots snapshots() {
        return snapshots;
    }
}
