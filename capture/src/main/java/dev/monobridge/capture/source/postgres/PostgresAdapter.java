package dev.monobridge.capture.source.postgres;

import java.util.List;
import java.util.Properties;
import java.util.function.Supplier;

import javax.sql.DataSource;

import dev.monobridge.capture.source.JdbcSourceSchema;
import dev.monobridge.capture.source.LagProbe;
import dev.monobridge.capture.source.SetupProblem;
import dev.monobridge.capture.source.SourceAdapter;
import dev.monobridge.capture.source.SourceEvents;
import dev.monobridge.projector.change.SourcePosition;
import dev.monobridge.projector.definition.SourceSchema;
import dev.monobridge.projector.rebuild.SourceSnapshots;

/**
 * PostgreSQL through Debezium's PostgreSQL connector with {@code pgoutput} logical decoding: a
 * replication slot and a publication on the source, positions from LSNs, PostgreSQL's infinities, the
 * slot's retained WAL as the lag, and repeatable-read snapshots.
 */
public final class PostgresAdapter implements SourceAdapter {

    private final PostgresSource source;
    private final PostgresEvents events = new PostgresEvents();

    public PostgresAdapter(PostgresSource source) {
        this.source = source;
    }

    /** The settings this adapter was made from. */
    public PostgresSource source() {
        return source;
    }

    @Override
    public Properties connectorProperties() {
        Properties p = new Properties();
        // The engine's name keys its offsets: derived from the slot, as it always was, so that existing
        // offsets files still match.
        p.setProperty("name", "monobridge-" + source.slot());
        p.setProperty("connector.class", "io.debezium.connector.postgresql.PostgresConnector");
        p.setProperty("plugin.name", "pgoutput");
        p.setProperty("slot.name", source.slot());
        p.setProperty("publication.name", source.publication());
        // 'filtered': Debezium creates the publication for exactly the captured tables when it is missing.
        p.setProperty("publication.autocreate.mode", source.publicationAutocreate());
        p.setProperty("database.hostname", source.host());
        p.setProperty("database.port", Integer.toString(source.port()));
        p.setProperty("database.dbname", source.database());
        p.setProperty("database.user", source.user());
        p.setProperty("database.password", source.password());
        p.setProperty("table.include.list", String.join(",", source.tables()));
        p.setProperty("snapshot.mode", source.snapshotMode());
        // Intervals as ISO 8601 text (P1Y2M3DT4H5M6.789S), exact; the default counts a month as 30.4375 days.
        p.setProperty("interval.handling.mode", "string");
        p.setProperty("poll.interval.ms", Long.toString(source.pollInterval().toMillis()));
        p.setProperty("max.batch.size", Integer.toString(source.maxBatchSize()));
        p.setProperty("max.queue.size", Integer.toString(source.maxBatchSize() * 4));
        source.heartbeat().addTo(p);
        // The heartbeat's messages move the slot's position; as records they would only fill a topic on Connect.
        p.setProperty("message.prefix.exclude.list", PostgresSource.HEARTBEAT_MESSAGE_PREFIX);
        return p;
    }

    @Override
    public SourceEvents events() {
        return events;
    }

    @Override
    public String jdbcUrl() {
        return source.jdbcUrl();
    }

    @Override
    public String user() {
        return source.user();
    }

    @Override
    public String password() {
        return source.password();
    }

    @Override
    public LagProbe lagProbe(DataSource pool, Supplier<SourcePosition> applied) {
        // The slot records what capture confirmed: the applied position is not needed.
        return new PostgresSlotMonitor(pool, source.slot());
    }

    @Override
    public SourceSchema schema(DataSource pool) {
        // JDBC metadata names PostgreSQL's schemas as schemas, which is how definitions qualify tables.
        return new JdbcSourceSchema(pool);
    }

    @Override
    public List<SetupProblem> checkSetup(DataSource pool, List<String> capturedTables) {
        return new PostgresSetupChecks(source).problems(new PostgresSetupReader(pool, source).read(capturedTables), capturedTables);
    }

    /** Every value's type arrives with its event: nothing to read. */
    @Override
    public void readCatalogue(DataSource pool, List<String> capturedTables) {
    }

    @Override
    public SourceSnapshots snapshots(DataSource pool) {
        return snapshotsThrough(pool);
    }

    /**
     * Repeatable-read snapshots through any pool of the source: all a process needs that reads its changes
     * from elsewhere and has only a JDBC URL (a Kafka Connect sink, whose changes come through Kafka).
     */
    public static SourceSnapshots snapshotsThrough(DataSource pool) {
        return lastApplied -> new PostgresSnapshotReader(pool, lastApplied).open();
    }

    @Override
    public String toString() {
        return source.toString();
    }
}
