package dev.monobridge.connect;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

import dev.monobridge.capture.source.postgres.PostgresAdapter;
import dev.monobridge.projector.rebuild.SourceSnapshots;

/**
 * The sink's own connection to the source, for rebuilds and repairs: the changes come through Kafka, but a
 * rebuild reads the source in one consistent snapshot, through the source adapter's snapshot reader. The
 * pool holds no connection while no rebuild runs, and opens none at start, so that a source that is down
 * stops no task.
 */
final class SinkSource implements AutoCloseable {

    /** What a rebuild or repair request is answered with when the sink has no source connection. */
    static final String NO_SOURCE_CONNECTION = "this sink has no source connection: set " + SinkSettings.SOURCE_JDBC_URL + ", "
            + SinkSettings.SOURCE_JDBC_USER + " and " + SinkSettings.SOURCE_JDBC_PASSWORD + " in its connector configuration "
            + "to rebuild or repair its projections on Kafka Connect";

    /** A rebuild holds one connection; a repair asked for while it runs takes a second. */
    private static final int CONNECTIONS = 2;
    /** Connections close this soon after a rebuild: between rebuilds the source sees none of the sink's. */
    private static final long IDLE_TIMEOUT_MS = 10_000;
    /** Named, so that the driver is found in the plugin's own class loader rather than through DriverManager's. */
    private static final String POSTGRES_DRIVER = "org.postgresql.Driver";

    private final HikariDataSource pool;

    SinkSource(SinkSettings.SourceConnection connection, String sinkName) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(connection.url());
        config.setDriverClassName(POSTGRES_DRIVER);
        if (connection.user() != null) {
            config.setUsername(connection.user());
        }
        if (connection.password() != null) {
            config.setPassword(connection.password());
        }
        config.setMaximumPoolSize(CONNECTIONS);
        config.setMinimumIdle(0);
        config.setIdleTimeout(IDLE_TIMEOUT_MS);
        // Not at start: a source that is down fails the rebuild that needs it (with the reason), not the task.
        config.setInitializationFailTimeout(-1);
        config.setPoolName("monobridge-sink-source-" + sinkName);
        this.pool = new HikariDataSource(config);
    }

    /** Consistent snapshots of the source, as the embedded bridge's rebuilds read them. */
    SourceSnapshots snapshots() {
        return PostgresAdapter.snapshotsThrough(pool);
    }

    @Override
    public void close() {
        pool.close();
    }
}
