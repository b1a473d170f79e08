package dev.monobridge.capture.source;

import java.util.List;
import java.util.Properties;
import java.util.function.Supplier;

import javax.sql.DataSource;

import dev.monobridge.projector.change.SourcePosition;
import dev.monobridge.projector.definition.SourceSchema;
import dev.monobridge.projector.rebuild.SourceSnapshots;

/**
 * Everything that differs by source database, in one place: one adapter per database (PostgreSQL
 * and MariaDB). The rest of the bridge, the engine's wiring, the mapper, rebuilds,
 * {@code validate}, {@code /ready}, asks the adapter and names no database. See docs/source-seam.md.
 *
 * <p>The JDBC-facing methods take the bridge's pool (built from {@link #jdbcUrl()}, {@link #user()}
 * and {@link #password()}), so that one pool serves them all and the adapter owns no connections.
 */
public interface SourceAdapter {

    /**
     * The Debezium connector's own properties: its class, where to connect, what to capture, and how
     * values are to arrive. The engine adds its generic ones (offsets, batching, polling) around them.
     */
    Properties connectorProperties();

    /** How this database's change events are read: table, position and value quirks. */
    SourceEvents events();

    String jdbcUrl();

    String user();

    String password();

    /**
     * How far the source's log runs ahead of capture: what {@code /ready} and the metrics show.
     *
     * @param applied the newest position the projector has applied: a source that keeps no record of its
     *     readers (a binlog) measures from it; one that does (a replication slot) ignores it
     */
    LagProbe lagProbe(DataSource pool, Supplier<SourcePosition> applied);

    /** The source's tables and column types, for checking definitions ({@code validate}, start-up). */
    SourceSchema schema(DataSource pool);

    /**
     * Everything about the source's setup that would stop capture (permissions, logical decoding, free
     * slots, the publication...), each with what to do, all at once; empty when capture can start. Run by
     * {@code validate} and before the engine starts, so that no setup problem reaches the user as a trace.
     * Tables that do not exist are left to the schema check.
     */
    List<SetupProblem> checkSetup(DataSource pool, List<String> capturedTables);

    /**
     * Reads what the source's catalogue tells about the captured tables that their change events do not
     * (MariaDB's JSON columns, which arrive as plain text), for {@link #events()} and
     * {@link #snapshots}. Run once before capture starts; nothing to read for PostgreSQL.
     */
    void readCatalogue(DataSource pool, List<String> capturedTables);

    /** Consistent snapshots of the source, for rebuilds and repairs. */
    SourceSnapshots snapshots(DataSource pool);
}
