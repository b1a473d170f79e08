package dev.monobridge.projector.mongo;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.bson.BsonDateTime;
import org.bson.BsonDocument;
import org.bson.BsonString;
import org.bson.BsonValue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.MongoNamespace;
import com.mongodb.bulk.BulkWriteError;
import com.mongodb.bulk.BulkWriteResult;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.DeleteOneModel;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.RenameCollectionOptions;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.WriteModel;

import dev.monobridge.projector.change.SourcePosition;
import dev.monobridge.projector.core.DeadLetter;
import dev.monobridge.projector.core.DocumentMeta;
import dev.monobridge.projector.core.DocumentRef;
import dev.monobridge.projector.core.DocumentWrite;
import dev.monobridge.projector.core.LogFields;
import dev.monobridge.projector.core.ProjectionBatch;
import dev.monobridge.projector.core.ProjectionStore;
import dev.monobridge.projector.definition.ProjectionDefinition;

/**
 * Keeps projected documents, row states and dead letters in one MongoDB database: a collection per
 * projection, plus {@value #STATES}, {@value #DEAD_LETTERS} and {@value #PROJECTOR} (the projection
 * time the documents were last rendered at).
 *
 * <p>Each batch is one unordered bulk write per projection collection, then one for the row states, and
 * last one for its trail ({@link MongoTrailWriter}).
 * A write MongoDB refuses for that document alone (too large, say) becomes a dead letter and the
 * stream goes on; an error that may pass (a lost connection, an election) is retried with backoff, and
 * the caller waits, so that offsets never move past an unacknowledged write.
 */
public final class MongoProjectionStore implements ProjectionStore {

    public static final String STATES = "monobridge_row_states";
    public static final String DEAD_LETTERS = "monobridge_dead_letters";
    public static final String PROJECTOR = "monobridge_projector";
    private static final String CLOCK_ID = "clock";
    /** The document holding the newest position the documents may reflect (see {@link #noteDocumentHorizon}). */
    private static final String HORIZON_ID = "documents";
    private static final String HORIZON_FIELD = "mayReflectUpTo";

    private static final Logger LOG = LoggerFactory.getLogger(MongoProjectionStore.class);

    private final String scope;
    private final String clockId;
    private final String horizonId;
    private final MongoDatabase database;
    private final MongoRowStateCollection states;
    private final MongoDeadLetterCollection deadLetters;
    private final MongoRetry retry;
    private final Clock clock;
    private final MongoWriters writers;
    private final MongoTrailWriter trails;
    private Instant storedAsOf;

    /**
     * @param scope whose projector this is, when several share the database: {@code ""} for the one
     *              embedded bridge, a Kafka Connect sink's connector name otherwise (see {@link #statesCollection})
     */
    MongoProjectionStore(MongoDatabase database, MongoRowStateCollection states, MongoRetry retry, Clock clock, String scope,
                         MongoWriters writers, MongoTrailWriter trails) {
        this.writers = writers;
        this.trails = trails;
        this.scope = scope;
        this.clockId = scoped(CLOCK_ID, scope, ":");
        this.horizonId = scoped(HORIZON_ID, scope, ":");
        this.database = database;
        this.states = states;
        this.deadLetters = new MongoDeadLetterCollection(database.getCollection(DEAD_LETTERS, BsonDocument.class));
        this.retry = retry;
        this.clock = clock;
    }

    /**
     * The collection of a scope's row states. Projectors that share a database must not share row states:
     * each remembers the columns its own projections read, and one's state of a row at a position would
     * make the other's change to that row look stale. So a Kafka Connect sink keeps its own, named after its
     * connector; the embedded bridge keeps {@value #STATES}.
     */
    public static String statesCollection(String scope) {
        return scoped(STATES, scope, "_");
    }

    private static String scoped(String name, String scope, String separator) {
        if (scope.isEmpty()) {
            return name;
        }
        if (!scope.matches("[A-Za-z0-9_.-]{1,100}")) {
            throw new IllegalArgumentException("a store scope is 1 to 100 letters, digits, '_', '.' or '-': '" + scope + "'");
        }
        return name + separator + scope;
    }

    /** The projection time last made durable, or empty before the first batch. */
    public java.util.Optional<Instant> loadAsOf() {
        storedAsOf = retry.run("load projection time", () -> storedProjectionTime(database, scope)).orElse(null);
        return java.util.Optional.ofNullable(storedAsOf);
    }

    /**
     * The projection time a scope's documents were last rendered at, as stored, or empty before its first
     * batch: what an oracle renders them at. One read, not retried.
     */
    public static java.util.Optional<Instant> storedProjectionTime(MongoDatabase database, String scope) {
        BsonDocument clockDocument = database.getCollection(PROJECTOR, BsonDocument.class)
                .find(Filters.eq("_id", scoped(CLOCK_ID, scope, ":"))).first();
        return java.util.Optional.ofNullable(clockDocument).map(d -> Instant.ofEpochMilli(d.getDateTime("asOf").getValue()));
    }

    /**
     * The newest position a scope's documents may reflect, as last noted, or empty before its first batch:
     * what {@code monobridge status} shows of a Kafka Connect sink. One read, not retried.
     */
    public static java.util.Optional<SourcePosition> storedDocumentHorizon(MongoDatabase database, String scope) {
        BsonDocument horizon = database.getCollection(PROJECTOR, BsonDocument.class)
                .find(Filters.eq("_id", scoped(HORIZON_ID, scope, ":"))).first();
        return java.util.Optional.ofNullable(horizon).map(d -> SourcePosition.parse(d.getString(HORIZON_FIELD).getValue()));
    }

    /** The newest position the documents may reflect, as last noted, or {@link SourcePosition#ZERO} before the first. */
    public SourcePosition loadDocumentHorizon() {
        BsonDocument horizon = retry.run("load document horizon", () ->
                database.getCollection(PROJECTOR, BsonDocument.class).find(Filters.eq("_id", horizonId)).first());
        return horizon == null ? SourcePosition.ZERO : SourcePosition.parse(horizon.getString(HORIZON_FIELD).getValue());
    }

    /** One upsert; $max on the fixed-width text form, which MongoDB orders as the positions order. */
    @Override
    public void noteDocumentHorizon(SourcePosition position) {
        retry.run("note document horizon", () -> database.getCollection(PROJECTOR, BsonDocument.class).updateOne(
                Filters.eq("_id", horizonId),
                new BsonDocument("$max", new BsonDocument(HORIZON_FIELD, new BsonString(position.toString()))),
                new UpdateOptions().upsert(true)));
    }

    @Override
    public Set<DocumentRef> write(ProjectionBatch batch) {
        Instant now = clock.instant();
        List<DeadLetter> refused = new ArrayList<>(batch.deadLetters());
        Set<DocumentRef> newerStored = new LinkedHashSet<>();
        group(batch.writes()).forEach((collection, writes) -> {
            try (MDC.MDCCloseable projection = MDC.putCloseable(LogFields.PROJECTION, writes.get(0).document().projection().name())) {
                retry.run("write " + collection, () -> writeCollection(collection, writes, now, refused, newerStored));
            }
        });
        retry.run("write row states", () -> {
            states.write(batch.stateChanges());
            return null;
        });
        retry.run("write dead letters", () -> {
            deadLetters.write(refused, now);
            return null;
        });
        if (!batch.asOf().equals(storedAsOf)) {
            // Last: the documents just written were rendered at this time.
            retry.run("write projection time", () -> database.getCollection(PROJECTOR, BsonDocument.class).replaceOne(
                    Filters.eq("_id", clockId),
                    new BsonDocument("_id", new BsonString(clockId)).append("asOf", new BsonDateTime(batch.asOf().toEpochMilli())),
                    new ReplaceOptions().upsert(true)));
            storedAsOf = batch.asOf();
        }
        // After everything else is acknowledged, and never failing the batch (MongoTrailWriter).
        trails.write(batch.trail().superseded(newerStored));
        if (!newerStored.isEmpty()) {
            LOG.info("{} document writes met a newer version written by another writer (a task rebalanced away, or its "
                    + "successor) and were refused by their position guards; they are written whole when next touched", newerStored.size());
        }
        return newerStored;
    }

    @Override
    public int reconcile(ProjectionDefinition projection, Map<Object, Map<String, Object>> documents, DocumentMeta meta) {
        return retry.run("reconcile " + projection.collection(), () -> {
            MongoCollection<BsonDocument> collection = database.getCollection(projection.collection(), BsonDocument.class);
            Map<BsonValue, Map<String, Object>> expected = new LinkedHashMap<>();
            documents.forEach((id, content) -> expected.put(MongoValues.toBson(id), content));
            Instant now = clock.instant();
            List<WriteModel<BsonDocument>> models = new ArrayList<>();
            for (BsonDocument stored : collection.find()) {
                BsonValue id = stored.get("_id");
                Map<String, Object> wanted = expected.remove(id);
                if (wanted == null) {
                    models.add(new DeleteOneModel<>(Filters.eq("_id", id)));
                    continue;
                }
                BsonDocument content = stored.clone();
                content.remove("_id");
                content.remove(MongoDocumentWrites.META);
                if (!content.equals(MongoValues.document(wanted))) {
                    models.add(replacement(id, wanted, meta, now));
                }
            }
            expected.forEach((id, wanted) -> models.add(replacement(id, wanted, meta, now)));
            if (!models.isEmpty()) {
                collection.bulkWrite(models, new BulkWriteOptions().ordered(false));
            }
            return models.size();
        });
    }

    private static WriteModel<BsonDocument> replacement(BsonValue id, Map<String, Object> content, DocumentMeta meta, Instant now) {
        BsonDocument document = new BsonDocument("_id", id);
        document.putAll(MongoValues.document(content));
        document.put(MongoDocumentWrites.META, MongoDocumentWrites.meta(meta, now));
        return new ReplaceOneModel<>(Filters.eq("_id", id), document, new ReplaceOptions().upsert(true));
    }

    @Override
    public void replaceCollection(String source, String target) {
        retry.run("replace " + target + " with " + source, () -> {
            database.getCollection(source).renameCollection(new MongoNamespace(database.getName(), target),
                    new RenameCollectionOptions().dropTarget(true));
            return null;
        });
    }

    @Override
    public void dropCollection(String name) {
        retry.run("drop " + name, () -> {
            database.getCollection(name).drop();
            return null;
        });
    }

    /**
     * @param newerStored gets the documents whose position guards refused the write: another writer's
     *                    newer version is stored (see {@link MongoDocumentWrites})
     */
    private Void writeCollection(String collection, List<DocumentWrite> writes, Instant now, List<DeadLetter> refused,
                                 Set<DocumentRef> newerStored) {
        List<WriteModel<BsonDocument>> models = new ArrayList<>(writes.size());
        writes.forEach(write -> models.add(MongoDocumentWrites.toModel(write, now, writers)));
        Set<Integer> failed = new HashSet<>();
        BulkWriteResult result;
        try {
            result = database.getCollection(collection, BsonDocument.class).bulkWrite(models, new BulkWriteOptions().ordered(false));
        } catch (MongoBulkWriteException e) {
            // Unordered: everything else was applied. Only the refused documents become dead letters;
            // a refusal that may pass would have been a different exception, retried by the caller.
            for (BulkWriteError error : e.getWriteErrors()) {
                DocumentWrite write = writes.get(error.getIndex());
                failed.add(error.getIndex());
                if (write instanceof DocumentWrite.Replace && ErrorCategory.fromErrorCode(error.getCode()) == ErrorCategory.DUPLICATE_KEY) {
                    // The guarded replace matched nothing and its upsert met the stored document.
                    newerStored.add(write.document());
                    continue;
                }
                LOG.warn("MongoDB refused the write to {} in {}: {}", write.document(), collection, error.getMessage());
                refused.add(DeadLetter.refusedWrite(write, "MongoDB refused the write: " + error.getMessage()));
            }
            result = e.getWriteResult();
        }
        noteRefusedUpdates(writes, failed, result, newerStored);
        return null;
    }

    /**
     * A guarded update that matched nothing reports no error, and a bulk reports only how many matched
     * in all. When fewer updates matched than were sent, which ones did not is unknown, so all of them
     * count as refused: they are written whole next time, which is right for any. It happens only when
     * another writer got there first (or a document was removed behind the projector's back). A refused
     * delete needs nothing: these states say the document is gone, so any next write of it is whole.
     */
    private static void noteRefusedUpdates(List<DocumentWrite> writes, Set<Integer> failed, BulkWriteResult result,
                                           Set<DocumentRef> newerStored) {
        Set<Integer> upserted = new HashSet<>();
        result.getUpserts().forEach(upsert -> upserted.add(upsert.getIndex()));
        int replacesMatched = 0;
        List<DocumentRef> updates = new ArrayList<>();
        for (int i = 0; i < writes.size(); i++) {
            if (failed.contains(i)) {
                continue;
            }
            if (writes.get(i) instanceof DocumentWrite.Replace && !upserted.contains(i)) {
                replacesMatched++;
            } else if (writes.get(i) instanceof DocumentWrite.Update) {
                updates.add(writes.get(i).document());
            }
        }
        if (result.getMatchedCount() - replacesMatched < updates.size()) {
            newerStored.addAll(updates);
        }
    }

    private static Map<String, List<DocumentWrite>> group(List<DocumentWrite> writes) {
        Map<String, List<DocumentWrite>> byCollection = new LinkedHashMap<>();
        for (DocumentWrite write : writes) {
            byCollection.computeIfAbsent(write.document().projection().collection(), c -> new ArrayList<>()).add(write);
        }
        return byCollection;
    }
}
