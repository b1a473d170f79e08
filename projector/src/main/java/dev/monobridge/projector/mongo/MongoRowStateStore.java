package dev.monobridge.projector.mongo;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.bson.BsonDateTime;
import org.bson.BsonDocument;
import org.bson.BsonValue;
import org.bson.conversions.Bson;

import com.mongodb.MongoException;
import com.mongodb.client.cursor.TimeoutMode;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Sorts;

import dev.monobridge.projector.change.RowKey;
import dev.monobridge.projector.change.SourcePosition;
import dev.monobridge.projector.core.ProjectorStats;
import dev.monobridge.projector.core.RowId;
import dev.monobridge.projector.core.RowState;
import dev.monobridge.projector.core.RowStateStore;
import dev.monobridge.projector.core.TruncateMarkers;
import dev.monobridge.projector.core.RowStates;
import dev.monobridge.projector.core.StateReadException;

/**
 * Row states kept in MongoDB ({@link MongoRowStateCollection}), beside the documents they produced,
 * with a bounded cache in the heap (docs/state-store.md). Nothing is read at start-up; a batch's reads
 * arrive as bulk {@code $in} queries through {@link #preload} and {@link #preloadChildren}, and whatever
 * those missed is read one query at a time, so a missed hint costs a round trip, never a wrong result.
 *
 * <p>What the cache holds is exactly what MongoDB holds, or newer: every change goes through it. A row
 * changed and not yet acknowledged by MongoDB is pinned in the heap until {@link #stored} says it is,
 * so a read never goes behind a write in flight. A parent-key group ("the runners of race 7") is
 * answered from the cache only once it was loaded whole; until then it is asked for.
 *
 * <p>The cache is trimmed between batches, and only then: when it holds more than its bound, it keeps
 * the pinned rows and lets the rest go. Simple rather than clever: the next batch reloads what it
 * needs in a few bulk queries.
 *
 * <p>One thread reads and changes it (the projector's, under its lock); the writes it hands over may be
 * stored on another ({@link dev.monobridge.projector.core.ProjectorPipeline}'s writer), which only queues
 * its acknowledgements here. The reading thread takes them in at its next {@link #trim} or {@link #get},
 * so a row stays pinned a little longer than it must, never shorter.
 */
final class MongoRowStateStore implements RowStateStore {

    /**
     * Values per {@code $in} query: far below MongoDB's 16 MiB command limit for any key, and enough
     * that a batch of Debezium's default size (2,048 changes) costs one query per table and level.
     */
    private static final int IN_CHUNK = 2_048;

    /**
     * A read that takes longer is taken for MongoDB being away: {@link MongoRetry} retries it with
     * backoff and raises its condition, so that {@code /ready} says why within seconds. Without a bound,
     * the driver's own retry of a read first waits out its 30-second server selection, in silence. Scans
     * get it per batch of results, not for the whole scan; index builds get none.
     */
    private static final long READ_TIMEOUT_MILLIS = 10_000;

    /** Instants are stored to the millisecond; a window widened by one finds every row it might hold. */
    private static final long MILLISECOND_SLACK = 1;

    /** For reads, each bounded by {@link #READ_TIMEOUT_MILLIS}. */
    private final MongoCollection<BsonDocument> collection;
    private final MongoRowStateCollection writes;
    private final Map<String, Set<String>> indexedColumns = new LinkedHashMap<>();
    private final int cacheRows;
    private final ProjectorStats stats;
    private final MongoRetry retry;
    private final Set<String> indexesMade = new HashSet<>();

    private RowStates cache;
    /** Rows looked up and not found: nothing is remembered of them. */
    private final Set<RowId> absent = new HashSet<>();
    /** Parent-key groups whose live rows are all in the cache. */
    private final Set<Group> loadedGroups = new HashSet<>();
    /** Changed since the last hand-over. */
    private final Map<RowId, RowState> changed = new LinkedHashMap<>();
    /** Rows whose position alone moved since the last hand-over. */
    private final Map<RowId, RowState> advanced = new LinkedHashMap<>();
    /** Handed over, not yet acknowledged by MongoDB. */
    private final Map<RowId, RowState> inFlight = new LinkedHashMap<>();
    private final List<RowId> removed = new ArrayList<>();
    /** Acknowledged by MongoDB, told by the writing thread, not yet taken in by the reading one. */
    private final Queue<Acknowledged> acknowledged = new ConcurrentLinkedQueue<>();
    /** The oldest marker MongoDB may hold, once known: until then no sweep can find anything to expire. */
    private Instant oldestMarker;
    /** Each truncated table's newest truncate, read at start-up and kept since: one tiny document per table. */
    private final TruncateMarkers truncates = new TruncateMarkers();

    /**
     * @param indexedColumns for each table, the columns that children are looked up by
     * @param cacheRows      how many row states the heap holds between batches, pinned ones aside
     */
    MongoRowStateStore(MongoCollection<BsonDocument> collection, Map<String, Set<String>> indexedColumns, int cacheRows,
                       ProjectorStats stats, MongoRetry retry) {
        this(collection, indexedColumns, cacheRows, stats, retry, MongoWriters.ONE);
    }

    /** @param writers whether other projectors may write the same states, and so whether writes are guarded */
    MongoRowStateStore(MongoCollection<BsonDocument> collection, Map<String, Set<String>> indexedColumns, int cacheRows,
                       ProjectorStats stats, MongoRetry retry, MongoWriters writers) {
        this.collection = collection.withTimeout(READ_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
        this.retry = retry;
        this.writes = new MongoRowStateCollection(collection, this::stored, writers);
        this.cacheRows = cacheRows;
        this.stats = stats;
        indexedColumns.forEach((table, columns) -> this.indexedColumns.put(table, new LinkedHashSet<>(columns)));
        this.cache = new RowStates(this.indexedColumns);
        makeIndex(Indexes.ascending("_id.t", "p"));
        makeIndex(Indexes.ascending("d", "at"));
        this.indexedColumns.forEach((table, columns) -> columns.forEach(column -> makeIndex(Indexes.ascending("_id.t", "v." + column))));
        loadTruncates();
    }

    /**
     * One query at start-up, on the {@code _id} index (an anchored prefix): a marker must be known before
     * the first change of its table, and there are at most as many as tables. Not counted among the row
     * state queries: it loads no row.
     */
    private void loadTruncates() {
        read("read the truncate markers", () -> {
            for (BsonDocument marker : collection.find(Filters.regex("_id", "^" + MongoRowStateCollection.TRUNCATE_PREFIX))) {
                truncates.load(marker.getString("_id").getValue().substring(MongoRowStateCollection.TRUNCATE_PREFIX.length()),
                        SourcePosition.parse(marker.getString("p").getValue()));
            }
            return null;
        });
    }

    @Override
    public void ensureIndex(String table, String column) {
        if (indexedColumns.computeIfAbsent(table, t -> new LinkedHashSet<>()).add(column)) {
            cache.ensureIndex(table, column);
            makeIndex(Indexes.ascending("_id.t", "v." + column));
        }
    }

    @Override
    public void trim() {
        takeAcknowledgements();
        // Rows known to be absent and groups known to be loaded count too: they grow with lookups.
        if (cache.size() + absent.size() + loadedGroups.size() <= cacheRows) {
            return;
        }
        dropReads();
    }

    /** Another writer's states are newer than some this store read: all of it is read again, as after a trim. */
    @Override
    public void forgetReads() {
        dropReads();
    }

    /** Lets go of everything read; keeps what is not yet acknowledged, which only this store has. */
    private void dropReads() {
        cache = new RowStates(indexedColumns);
        absent.clear();
        loadedGroups.clear();
        inFlight.values().forEach(cache::load);
        advanced.values().forEach(cache::load);
        changed.values().forEach(cache::load);
    }

    @Override
    public void preload(Collection<RowId> ids) {
        List<RowId> missing = new ArrayList<>();
        for (RowId id : ids) {
            if (cache.get(id) == null && !absent.contains(id)) {
                missing.add(id);
            }
        }
        for (List<RowId> chunk : chunks(missing)) {
            List<BsonValue> keys = chunk.stream().<BsonValue>map(MongoRowStateCollection::id).toList();
            Set<RowId> found = load("read row states by key", Filters.in("_id", keys));
            for (RowId id : chunk) {
                if (!found.contains(id)) {
                    absent.add(id);
                }
            }
        }
    }

    @Override
    public void preloadChildren(String table, String column, Collection<Object> values) {
        ensureIndex(table, column);
        List<Object> missing = new ArrayList<>();
        for (Object value : values) {
            if (!loadedGroups.contains(new Group(table, column, value))) {
                missing.add(value);
            }
        }
        for (List<Object> chunk : chunks(missing)) {
            List<BsonValue> bson = chunk.stream().map(MongoValues::toBson).toList();
            load("read the rows of " + table + " by " + column,
                    Filters.and(Filters.eq("_id.t", table), Filters.eq("d", false), Filters.in("v." + column, bson)));
            chunk.forEach(value -> loadedGroups.add(new Group(table, column, value)));
        }
    }

    @Override
    public RowState get(RowId id) {
        takeAcknowledgements();
        RowState cached = cache.get(id);
        if (cached == null && !absent.contains(id)) {
            preload(List.of(id));
            cached = cache.get(id);
        }
        return cached;
    }

    @Override
    public List<RowState> children(String table, String column, Object value) {
        if (!loadedGroups.contains(new Group(table, column, value))) {
            preloadChildren(table, column, List.of(value));
        }
        return cache.children(table, column, value);
    }

    @Override
    public List<RowKey> liveKeys(String table) {
        // Keys only: the roots of a projection, for a rebuild or a reconciliation to render in chunks.
        Set<RowKey> keys = read("read the keys of " + table, () -> {
            Set<RowKey> found = new LinkedHashSet<>();
            for (BsonDocument document : collection.find(Filters.and(Filters.eq("_id.t", table), Filters.eq("d", false)))
                    .projection(Projections.include("_id")).timeoutMode(TimeoutMode.ITERATION)) {
                RowId id = MongoRowStateCollection.rowId(document.getDocument("_id"));
                RowState cached = cache.get(id);
                if (cached == null || cached.isLive()) {
                    found.add(id.key());
                }
            }
            return found;
        });
        stats.stateQuery(0);
        for (RowState pending : pending()) {
            if (pending.table().equals(table) && pending.isLive()) {
                keys.add(pending.key());
            } else if (pending.table().equals(table)) {
                keys.remove(pending.key());
            }
        }
        return List.copyOf(keys);
    }

    @Override
    public List<RowKey> liveKeysBefore(String table, SourcePosition before) {
        // The rows come whole, so that the changes they are about to take find them in the cache.
        load("read the rows of " + table + " older than " + before,
                Filters.and(Filters.eq("_id.t", table), Filters.eq("d", false), Filters.lt("p", before.toString())));
        List<RowKey> keys = new ArrayList<>();
        for (RowKey key : cache.liveKeysBefore(table, before)) {
            keys.add(key);
        }
        return keys;
    }

    @Override
    public List<RowState> liveRowsWithin(String table, String column, Instant from, Instant to) {
        makeIndex(Indexes.ascending("_id.t", "v." + column));
        load("read the rows of " + table + " by " + column + " in a retention window",
                Filters.and(Filters.eq("_id.t", table), Filters.eq("d", false),
                        Filters.gt("v." + column, new BsonDateTime(millis(from) - MILLISECOND_SLACK)),
                        Filters.lte("v." + column, new BsonDateTime(millis(to) + MILLISECOND_SLACK))));
        return cache.liveRowsWithin(table, column, from, to);
    }

    @Override
    public void put(RowState state) {
        cache.load(state);
        absent.remove(state.id());
        advanced.remove(state.id());
        changed.put(state.id(), state);
        removed.remove(state.id());
        if (!state.isLive() && oldestMarker != null && state.changedAt().isBefore(oldestMarker)) {
            oldestMarker = state.changedAt();
        }
    }

    /**
     * Unlike the in-heap model, the new position is written (the position alone): the row may leave the
     * cache before the end of a snapshot asks which rows it read, and then only MongoDB can say. Writing
     * it is as safe as not: the documents already hold these values.
     */
    @Override
    public void advance(RowId id, SourcePosition position) {
        RowState state = get(id);
        if (state != null && state.isLive() && position.isAfter(state.position())) {
            RowState moved = RowState.live(id, state.values(), position, state.changedAt());
            if (changed.containsKey(id)) {
                // Not written yet: it goes whole, at its newest position.
                changed.put(id, moved);
            } else {
                advanced.put(id, moved);
            }
            cache.load(moved);
        }
    }

    @Override
    public int expireMarkers(Instant cutoff) {
        // The cache lets its own old markers go (what it hands over is not this store's to write);
        // any of them still in MongoDB is older than the oldest marker known, so the sweep below runs.
        cache.expireMarkers(cutoff);
        cache.takeChanges();
        if (oldestMarker != null && !oldestMarker.isBefore(cutoff)) {
            return 0;
        }
        int expired = 0;
        Set<RowId> found = new HashSet<>();
        List<RowState> markers = read("read expired delete markers", () -> {
            List<RowState> expiring = new ArrayList<>();
            for (BsonDocument document : collection.find(Filters.and(Filters.eq("d", true), Filters.lt("at", new BsonDateTime(millis(cutoff)))))
                    .timeoutMode(TimeoutMode.ITERATION)) {
                expiring.add(MongoRowStateCollection.fromDocument(document));
            }
            return expiring;
        });
        stats.stateQuery(markers.size());
        for (RowState marker : markers) {
            found.add(marker.id());
            // The row may have come back, or been deleted again since: only the same marker goes.
            RowState current = pendingOrCached(marker.id());
            if (current == null || (!current.isLive() && current.position().equals(marker.position()))) {
                cache.forget(marker.id());
                changed.remove(marker.id());
                absent.add(marker.id());
                removed.add(marker.id());
                expired++;
            }
        }
        for (RowState pending : List.copyOf(changed.values())) {
            if (!pending.isLive() && pending.changedAt().isBefore(cutoff) && !found.contains(pending.id())) {
                // A marker made and expired before it was ever written (a clock moved far ahead).
                cache.forget(pending.id());
                changed.remove(pending.id());
                absent.add(pending.id());
                removed.add(pending.id());
                expired++;
            }
        }
        BsonDocument oldest = read("read the oldest delete marker", () ->
                collection.find(Filters.and(Filters.eq("d", true), Filters.gte("at", new BsonDateTime(millis(cutoff)))))
                        .sort(Sorts.ascending("at")).projection(Projections.include("at")).first());
        stats.stateQuery(0);
        oldestMarker = oldest == null ? Instant.MAX : Instant.ofEpochMilli(oldest.getDateTime("at").getValue());
        for (RowState pending : changed.values()) {
            if (!pending.isLive() && pending.changedAt().isBefore(oldestMarker)) {
                oldestMarker = pending.changedAt();
            }
        }
        return expired;
    }

    @Override
    public void markTruncated(String table, SourcePosition position) {
        truncates.mark(table, position);
    }

    @Override
    public SourcePosition truncatedAt(String table) {
        return truncates.at(table);
    }

    @Override
    public StateChanges takeChanges() {
        StateChanges taken = new StateChanges(List.copyOf(changed.values()), List.copyOf(removed), List.copyOf(advanced.values()),
                truncates.takeSince());
        inFlight.putAll(advanced);
        inFlight.putAll(changed);
        changed.clear();
        advanced.clear();
        removed.clear();
        return taken;
    }

    /** Writes the changes handed over, and tells this store once MongoDB has acknowledged them. */
    MongoRowStateCollection writes() {
        return writes;
    }

    /**
     * MongoDB acknowledged these changes: the rows may leave the heap, once the reading thread takes
     * this in ({@link #takeAcknowledgements}). Any thread may call it.
     */
    void stored(StateChanges changes, boolean olderThanStored) {
        acknowledged.add(new Acknowledged(changes, olderThanStored));
    }

    /**
     * Unpins what MongoDB acknowledged. When its guards refused some, MongoDB holds newer states than this
     * store read (another writer's), and which rows those are does not matter much: it happens in a
     * rebalance's moment, so everything read is read again.
     */
    private void takeAcknowledgements() {
        if (acknowledged.isEmpty()) {
            return;
        }
        boolean olderThanStored = false;
        for (Acknowledged ack = acknowledged.poll(); ack != null; ack = acknowledged.poll()) {
            for (RowState state : ack.changes().written()) {
                inFlight.remove(state.id(), state);
            }
            for (RowState state : ack.changes().advanced()) {
                inFlight.remove(state.id(), state);
            }
            olderThanStored |= ack.olderThanStored();
        }
        if (olderThanStored) {
            dropReads();
        }
    }

    /** How many row states the heap holds now. */
    int cachedRows() {
        return cache.size();
    }

    private RowState pendingOrCached(RowId id) {
        RowState pending = changed.get(id);
        if (pending != null) {
            return pending;
        }
        pending = inFlight.get(id);
        return pending != null ? pending : cache.get(id);
    }

    private List<RowState> pending() {
        List<RowState> pending = new ArrayList<>(inFlight.values());
        pending.addAll(advanced.values());
        pending.addAll(changed.values());
        return pending;
    }

    /**
     * Loads what MongoDB finds; a row the cache already holds is newer or the same, and stays. A read
     * interrupted by an outage is read again whole, which loads nothing twice.
     *
     * @return every row found, loaded now or cached already
     */
    private Set<RowId> load(String what, Bson filter) {
        int[] loaded = {0};
        Set<RowId> ids = read(what, () -> {
            Set<RowId> found = new HashSet<>();
            for (BsonDocument document : collection.find(filter).timeoutMode(TimeoutMode.ITERATION)) {
                RowState state = MongoRowStateCollection.fromDocument(document);
                found.add(state.id());
                if (cache.get(state.id()) == null) {
                    cache.load(state);
                    absent.remove(state.id());
                    loaded[0]++;
                }
            }
            return found;
        });
        stats.stateQuery(loaded[0]);
        return ids;
    }

    /**
     * A read, retried while MongoDB is unreachable as writes are; what cannot pass fails the batch as
     * a {@link StateReadException}, never as a dead letter of the change that needed it.
     */
    private <T> T read(String what, Supplier<T> action) {
        try {
            return retry.run(what, action);
        } catch (MongoException e) {
            throw new StateReadException("could not " + what + " from " + MongoProjectionStore.STATES + ": " + e.getMessage(), e);
        }
    }

    private void makeIndex(Bson keys) {
        if (indexesMade.add(keys.toBsonDocument().toJson())) {
            read("create the index " + keys.toBsonDocument().toJson(), () -> {
                writes.createIndex(keys);
                return null;
            });
        }
    }

    private static long millis(Instant instant) {
        try {
            return instant.toEpochMilli();
        } catch (ArithmeticException e) {
            return instant.isBefore(Instant.EPOCH) ? Long.MIN_VALUE + MILLISECOND_SLACK : Long.MAX_VALUE - MILLISECOND_SLACK;
        }
    }

    private static <T> List<List<T>> chunks(List<T> items) {
        List<List<T>> chunks = new ArrayList<>();
        for (int from = 0; from < items.size(); from += IN_CHUNK) {
            chunks.add(items.subList(from, Math.min(items.size(), from + IN_CHUNK)));
        }
        return chunks;
    }

    private record Group(String table, String column, Object value) {
    }

    private record Acknowledged(StateChanges changes, boolean olderThanStored) {
    }
}
