package dev.monobridge.projector.mongo;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.bson.conversions.Bson;

import com.mongodb.client.model.Filters;

import dev.monobridge.projector.change.SourcePosition;
import dev.monobridge.projector.core.DocumentMeta;

/**
 * How many projectors may write one scope's documents and row states at once, and so whether each write
 * is compare-and-set on its source position (P10, docs/connect-sink.md "Position guards").
 *
 * <p>The guard sits in the filter of the write itself, so it costs no round trip; on MongoDB the
 * {@code _id} index answers it as fast as an {@code _id}-only filter. mongo-java-server (the in-process
 * server of the demo, the bench and the tests) uses its {@code _id} index only for a filter on
 * {@code _id} alone and scans the collection for any other (ENVIRONMENT.md: 500 guarded replaces among
 * 50,000 row states took 90 s there, against 50 ms unguarded), which is one reason the embedded bridge,
 * whose single writer needs no guard, does not pay for one.
 */
public enum MongoWriters {

    /**
     * One ordered stream, one writer: the embedded bridge. Its replication slot admits one consumer at a
     * time, so no second bridge writes beside it; every row's position orders its changes, and the
     * documents follow the states. Writes filter on {@code _id} alone, as they always have. The
     * projector also converges here on a stream shuffled within a table (the embedded suite's shuffled
     * replay), which a per-table document guard would refuse.
     */
    ONE {
        @Override
        Bson document(Bson byId, Map<String, SourcePosition> tables) {
            return byId;
        }

        @Override
        Bson rowState(Bson byId, SourcePosition position) {
            return byId;
        }

        @Override
        Bson expiredMarker(Bson byId) {
            return byId;
        }
    },

    /**
     * Kafka Connect sink tasks: during a rebalance a task that lost its partitions may still write while
     * its successor re-reads from the committed offsets. Each row state replaces only an older one; each
     * document write applies only where no table it carries holds a newer position
     * ({@link DocumentMeta#tables()}). Relies on each table's changes of one document arriving in order,
     * as they do from one partition per table or topics co-partitioned by the root key.
     */
    SEVERAL {
        /**
         * The document, if for every table the stored position is not newer than the write's. "Not
         * newer", not "older": the same change written again (a replay after a crash, a retried bulk)
         * applies. A document with no position for a table (written before this guard, or never touched
         * by that table) lets the write through for that table.
         */
        @Override
        Bson document(Bson byId, Map<String, SourcePosition> tables) {
            if (tables.isEmpty()) {
                return byId;
            }
            List<Bson> filters = new ArrayList<>();
            filters.add(byId);
            tables.forEach((table, position) -> filters.add(Filters.not(Filters.gt(
                    MongoDocumentWrites.META + "." + MongoDocumentWrites.TABLES + "." + DocumentMeta.tableField(table),
                    position.toString()))));
            return Filters.and(filters);
        }

        /**
         * The row, if what is stored of it is older than the state (or nothing is: an upsert inserts).
         * Strictly older: the same state written twice is refused, harmlessly.
         */
        @Override
        Bson rowState(Bson byId, SourcePosition position) {
            return Filters.and(byId, Filters.lt("p", position.toString()));
        }

        /** Only while it is a marker: never a live row another writer put there since. */
        @Override
        Bson expiredMarker(Bson byId) {
            return Filters.and(byId, Filters.eq("d", true));
        }
    };

    /** The filter of a document write carrying these tables' positions. */
    abstract Bson document(Bson byId, Map<String, SourcePosition> tables);

    /** The filter of a row-state write (a replace, or a position-only advance) at this position. */
    abstract Bson rowState(Bson byId, SourcePosition position);

    /** The filter that removes an expired delete marker. */
    abstract Bson expiredMarker(Bson byId);
}
