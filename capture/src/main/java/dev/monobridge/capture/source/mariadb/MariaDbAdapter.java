package dev.monobridge.capture.source.mariadb;

import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
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
 * MariaDB through Debezium's MariaDB connector 3.5.0: a row-based binlog with full row images, positions
 * from binlog files and offsets, the schema history in a file beside the offsets, how far the binlog's
 * head is beyond what was applied as the lag, and consistent-snapshot transactions for rebuilds.
 */
public final class MariaDbAdapter implements SourceAdapter {

    private final MariaDbSource source;
    private final MariaDbEvents events = new MariaDbEvents();

    public MariaDbAdapter(MariaDbSource source) {
        this.source = source;
    }

    public MariaDbSource source() {
        return source;
    }

    @Override
    public Properties connectorProperties() {
        Properties p = new Properties();
        // The engine's name keys its offsets.
        p.setProperty("name", "monobridge-" + source.database());
        p.setProperty("connector.class", "io.debezium.connector.mariadb.MariaDbConnector");
        p.setProperty("database.hostname", source.host());
        p.setProperty("database.port", Integer.toString(source.port()));
        p.setProperty("database.user", source.user());
        p.setProperty("database.password", source.password());
        p.setProperty("database.server.id", Long.toString(source.serverId()));
        // The databases the captured tables are in (definitions may name tables of others than the one connected to).
        p.setProperty("database.include.list", String.join(",", databases()));
        p.setProperty("table.include.list", String.join(",", source.tables().stream().map(MariaDbAdapter::tablePattern).toList()));
        p.setProperty("snapshot.mode", source.snapshotMode());
        // The tables' DDL history, without which the binlog's row events cannot be read after a restart:
        // durable, in a file beside the offsets (Debezium's default keeps it in a Kafka topic).
        p.setProperty("schema.history.internal", "io.debezium.storage.file.history.FileSchemaHistory");
        p.setProperty("schema.history.internal.file.filename", source.schemaHistoryFile().toAbsolutePath().toString());
        // Only the captured tables' DDL: the history stays small, and other databases' DDL cannot fail it.
        p.setProperty("schema.history.internal.store.only.captured.tables.ddl", "true");
        // Schema changes go to the history file only: as records they would reach the mapper, which reads changes of rows.
        p.setProperty("include.schema.changes", "false");
        // BIGINT UNSIGNED as an exact decimal: the default, a long, wraps above 2^63 (18446744073709551615 -> -1).
        p.setProperty("bigint.unsigned.handling.mode", "precise");
        // TINYINT(1) is MariaDB's boolean: true/false rather than 1/0.
        p.setProperty("converters", "boolean");
        p.setProperty("boolean.type", "io.debezium.connector.binlog.converters.TinyIntOneToBooleanConverter");
        p.setProperty("poll.interval.ms", Long.toString(source.pollInterval().toMillis()));
        p.setProperty("max.batch.size", Integer.toString(source.maxBatchSize()));
        p.setProperty("max.queue.size", Integer.toString(source.maxBatchSize() * 4));
        source.heartbeat().addTo(p);
        return p;
    }

    private List<String> databases() {
        Set<String> databases = new TreeSet<>();
        databases.add(source.database());
        source.tables().forEach(table -> databases.add(table.substring(0, table.indexOf('.'))));
        return List.copyOf(databases);
    }

    /** A table in Debezium's include list is a regular expression: the dot between database and table is literal. */
    private static String tablePattern(String table) {
        return table.replace(".", "\\.");
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
        return new MariaDbBinlogLag(pool, applied);
    }

    @Override
    public SourceSchema schema(DataSource pool) {
        // MariaDB's JDBC driver names databases as catalogs; definitions qualify tables with them.
        return JdbcSourceSchema.qualifiedByCatalog(pool);
    }

    @Override
    public List<SetupProblem> checkSetup(DataSource pool, List<String> capturedTables) {
        return MariaDbSetupChecks.problems(new MariaDbSetupReader(pool).read(capturedTables));
    }

    /** The JSON columns, which arrive as plain text that the events alone do not always tell from LONGTEXT. */
    @Override
    public void readCatalogue(DataSource pool, List<String> capturedTables) {
        events.knowJsonColumns(MariaDbJsonColumns.read(pool, capturedTables));
    }

    @Override
    public SourceSnapshots snapshots(DataSource pool) {
        // The snapshot reads its own binlog position inside its transaction: the last applied one is not needed.
        return lastApplied -> new MariaDbSnapshotReader(pool, events.jsonColumns()).open();
    }

    @Override
    public String toString() {
        return source.toString();
    }
}
