package dev.monobridge.projector.mongo;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.bson.BsonArray;
import org.bson.BsonDateTime;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonString;
import org.bson.BsonValue;
import org.bson.conversions.Bson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.WriteModel;

import dev.monobridge.projector.change.RowKey;
import dev.monobridge.projector.change.SourcePosition;
import dev.monobridge.projector.core.BatchTrail;
import dev.monobridge.projector.core.DocumentRef;
import dev.monobridge.projector.core.ProjectorStats;
import dev.monobridge.projector.core.RowId;
import dev.monobridge.projector.core.TrailEntry;

/**
 * Keeps the trails ({@link TrailEntry}) in {@value MongoTrails#COLLECTION}: one trail document per projection
 * document and one per source row, each holding its last {@link MongoTrailSettings#perDocument()} entries,
 * oldest first ({@code $push} with {@code $slice}, so a trail never grows past that).
 *
 * <p>A batch's trail is one unordered bulk write, sent after the batch's documents, row states and dead
 * letters are acknowledged: a trail never names a write MongoDB has not taken, and the time it was
 * acknowledged is known. Best effort: a failed trail write is logged and counted, never retried and never
 * fails the batch, so the trail cannot stop the stream or hold back offsets; its entries are lost, as
 * are the ones of a batch a crash interrupts before its trail is written (docs/trace.md).
 *
 * <p>The total is bounded twice: every trail carries {@code expiresAt} (its last change plus
 * {@link MongoTrailSettings#keep()}) under a TTL index, which real MongoDB enforces; and at most every
 * {@link #SWEEP_INTERVAL} the writer deletes expired trails itself (where no TTL monitor runs) and, beyond
 * {@link MongoTrailSettings#maxTrails()}, the least recently changed ones.
 */
final class MongoTrailWriter {

    /**
     * How often the writer sweeps: MongoDB's own TTL monitor runs every 60 seconds, so the bound is no looser
     * here, and a sweep (a delete and a count; the cap's query only when over it) costs a few round trips a
     * minute, nothing per change. Between sweeps the trails may exceed the cap by one minute's new ones.
     */
    static final Duration SWEEP_INTERVAL = Duration.ofMinutes(1);
    /** Trails deleted per round trip when over the cap: a bounded {@code $in} list. */
    static final int SWEEP_CHUNK = 10_000;

    private static final Logger LOG = LoggerFactory.getLogger(MongoTrailWriter.class);

    private final MongoCollection<BsonDocument> trails;
    private final MongoTrailSettings settings;
    private final ProjectorStats stats;
    private final Clock clock;
    private final String reachedId;
    private Instant nextSweep = Instant.MIN;

    /** @param scope whose projector this is ({@link MongoProjectionStore#statesCollection}): each keeps its own 'reached' */
    MongoTrailWriter(MongoCollection<BsonDocument> trails, MongoTrailSettings settings, ProjectorStats stats, Clock clock,
                     String scope) {
        this.reachedId = MongoTrails.reachedId(scope);
        this.trails = trails;
        this.settings = settings;
        this.stats = stats;
        this.clock = clock;
        if (settings.enabled()) {
            ensureIndexes();
        }
    }

    private void ensureIndexes() {
        try {
            // Also what the cap's sweep sorts by: the least recently changed trails expire first.
            trails.createIndex(Indexes.ascending(MongoTrails.EXPIRES_AT), new IndexOptions().expireAfter(0L, TimeUnit.SECONDS));
        } catch (RuntimeException e) {
            // The sweep bounds the trails without them, only slower: the trail must not stop the bridge.
            LOG.warn("Could not create the indexes of {} ({}); the sweep still bounds it", MongoTrails.COLLECTION, e.getMessage());
        }
    }

    /**
     * Writes a batch's trail, whose writes MongoDB has just acknowledged, and sweeps when due (an empty batch,
     * the passing of time on a quiet source, sweeps too); never throws.
     */
    void write(BatchTrail trail) {
        if (!settings.enabled()) {
            return;
        }
        Instant acknowledged = clock.instant();
        if (!trail.isEmpty() || trail.reached().isAfter(SourcePosition.ZERO)) {
            writeEntries(trail, acknowledged);
        }
        sweepIfDue(acknowledged);
    }

    private void writeEntries(BatchTrail trail, Instant acknowledged) {
        try {
            List<WriteModel<BsonDocument>> models = new ArrayList<>(trail.documents().size() + trail.rows().size());
            trail.documents().forEach((document, entries) -> models.add(update(documentId(document), entries, acknowledged, null)));
            trail.rows().forEach((row, entries) -> models.add(update(rowId(row), entries, acknowledged, documentsNow(entries))));
            if (trail.reached().isAfter(SourcePosition.ZERO)) {
                // In the same bulk: how far this projector has read, as the fixed-width text MongoDB orders as positions.
                models.add(new UpdateOneModel<>(Filters.eq("_id", reachedId), new BsonDocument("$max",
                        new BsonDocument(MongoTrails.POSITION, new BsonString(trail.reached().toString()))), new UpdateOptions().upsert(true)));
            }
            trails.bulkWrite(models, new BulkWriteOptions().ordered(false));
            stats.trailWritten(trail.entries());
        } catch (RuntimeException e) {
            stats.trailWriteFailed();
            LOG.warn("Could not write the trail of a batch ({} entries; its documents are written): {}", trail.entries(), e.getMessage());
        }
    }

    private WriteModel<BsonDocument> update(BsonDocument id, List<TrailEntry> entries, Instant acknowledged, BsonArray documents) {
        BsonArray pushed = new BsonArray(entries.size());
        entries.forEach(entry -> pushed.add(entry(entry, acknowledged)));
        BsonDocument set = new BsonDocument(MongoTrails.EXPIRES_AT, new BsonDateTime(acknowledged.plus(settings.keep()).toEpochMilli()));
        if (documents != null) {
            set.append(MongoTrails.DOCUMENTS, documents);
        }
        BsonDocument push = new BsonDocument(MongoTrails.ENTRIES, new BsonDocument("$each", pushed)
                .append("$slice", new BsonInt32(-settings.perDocument())));
        return new UpdateOneModel<>(Filters.eq("_id", id), new BsonDocument("$push", push).append("$set", set),
                new UpdateOptions().upsert(true));
    }

    /** The documents the row is in now: as its newest entry that knows says (a dead letter does not). */
    private static BsonArray documentsNow(List<TrailEntry> entries) {
        for (int i = entries.size() - 1; i >= 0; i--) {
            if (entries.get(i).outcome() != TrailEntry.Outcome.DEAD_LETTER) {
                return documents(entries.get(i).documents());
            }
        }
        return null;
    }

    static BsonDocument entry(TrailEntry entry, Instant acknowledged) {
        BsonDocument document = new BsonDocument("position", new BsonString(entry.position().toString()))
                .append("table", new BsonString(entry.table()))
                .append("op", new BsonString(entry.op().code()));
        if (entry.key() != null) {
            document.append("key", MongoValues.document(entry.key().columns()));
        }
        document.append("commitTime", new BsonDateTime(entry.commitTime().toEpochMilli()));
        if (entry.txId() != null) {
            document.append("txId", new BsonString(entry.txId()));
        }
        document.append("outcome", new BsonString(entry.outcome().text()));
        if (!entry.paths().isEmpty()) {
            BsonArray paths = new BsonArray(entry.paths().size());
            entry.paths().forEach(path -> paths.add(new BsonString(path)));
            document.append("paths", paths);
        }
        if (!entry.documents().isEmpty()) {
            document.append(MongoTrails.DOCUMENTS, documents(entry.documents()));
        }
        return document.append("acknowledged", new BsonDateTime(acknowledged.toEpochMilli()));
    }

    private static BsonArray documents(List<DocumentRef> refs) {
        BsonArray documents = new BsonArray(refs.size());
        refs.forEach(ref -> documents.add(new BsonDocument("projection", new BsonString(ref.projection().name()))
                .append("id", MongoValues.toBson(ref.documentId()))));
        return documents;
    }

    static BsonDocument documentId(DocumentRef document) {
        return MongoTrails.documentTrailId(document.projection().name(), MongoValues.toBson(document.documentId()));
    }

    static BsonDocument rowId(RowId row) {
        return MongoTrails.rowTrailId(row.table(), keyValue(row.key()));
    }

    /** As a document's {@code _id}: the value of a one-column key, else the columns. */
    private static BsonValue keyValue(RowKey key) {
        return key.columns().size() == 1 ? MongoValues.toBson(key.singleValue()) : MongoValues.document(key.columns());
    }

    /** Deletes expired trails, then the least recently changed beyond the cap; at most once per interval. */
    void sweepIfDue(Instant now) {
        if (now.isBefore(nextSweep)) {
            return;
        }
        nextSweep = now.plus(SWEEP_INTERVAL);
        try {
            trails.deleteMany(Filters.lt(MongoTrails.EXPIRES_AT, new BsonDateTime(now.toEpochMilli())));
            // The estimate reads collection metadata, not every trail; a sweep needs no exact figure.
            long excess = trails.estimatedDocumentCount() - settings.maxTrails();
            while (excess > 0) {
                int chunk = (int) Math.min(excess, SWEEP_CHUNK);
                List<BsonValue> oldest = new ArrayList<>(chunk);
                // Trails only: the 'reached' markers carry no expiry and stay.
                for (BsonDocument trail : trails.find(Filters.exists(MongoTrails.EXPIRES_AT)).sort(Sorts.ascending(MongoTrails.EXPIRES_AT)).limit(chunk)
                        .projection(Projections.include("_id"))) {
                    oldest.add(trail.get("_id"));
                }
                if (oldest.isEmpty()) {
                    return;
                }
                Bson byIds = Filters.in("_id", oldest);
                trails.deleteMany(byIds);
                excess -= oldest.size();
            }
        } catch (RuntimeException e) {
            LOG.warn("Could not sweep {} ({}); trying again in {}", MongoTrails.COLLECTION, e.getMessage(), SWEEP_INTERVAL);
        }
    }
}
