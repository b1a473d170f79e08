package dev.monobridge.connector.drift;

import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.bson.BsonArray;
import org.bson.BsonBoolean;
import org.bson.BsonDateTime;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonString;
import org.bson.BsonValue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import com.mongodb.MongoInterruptedException;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;

import dev.monobridge.projector.change.SourcePosition;
import dev.monobridge.projector.core.LogFields;
import dev.monobridge.projector.core.Projector;
import dev.monobridge.projector.definition.ProjectionDefinition;
import dev.monobridge.projector.mongo.MongoDocumentDifferences;
import dev.monobridge.projector.mongo.MongoDocumentDifferences.Difference;
import dev.monobridge.projector.mongo.MongoDocumentSample;
import dev.monobridge.projector.mongo.MongoDocumentShape;
import dev.monobridge.projector.mongo.MongoDriftLog;
import dev.monobridge.projector.rebuild.DocumentRecompute;

/**
 * One round of the drift sampler: picks documents at random, checks their shape, recomputes each from the
 * source (read only) and compares; see docs/drift-sampler.md.
 *
 * <p>No false positives under live writes. A check reads the stored document, then the source in one
 * snapshot, then the stored document again; if the bridge wrote the document in between (its
 * {@code _meta.position} or {@code writtenAt} moved), the check is undecided and counted as {@code moved}.
 * A document that differs is only a suspect: it is looked at again in a later round, and reported as drifted
 * only if it still differs, the bridge has not written it since the first look, and the bridge has by then
 * applied every change the first look's snapshot saw (or applied nothing at all in between: no change was
 * on its way). A change that was committed but not yet applied at the first look would have reached the
 * document by then and moved it. Suspects that never settle are dropped after {@link #MAX_LOOKS} looks.
 */
final class DriftSampler implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(DriftSampler.class);

    /** A suspect still undecided after this many looks is dropped (counted as moved): it keeps changing. */
    static final int MAX_LOOKS = 5;
    /** Drifted documents remembered, so that one drifted document is counted and recorded once, not every round. */
    private static final int REPORTED_KEPT = 10_000;

    /** Starts the repair of one document; refuses (IllegalStateException) while the projection is rebuilt. */
    @FunctionalInterface
    interface Repair {
        void start(String projection, String key);
    }

    private final DriftSettings settings;
    private final Projector projector;
    private final DocumentRecompute recompute;
    private final MongoDatabase database;
    private final MongoDocumentSample sample;
    private final MongoDriftLog log;
    private final Repair repair;
    private final DriftFigures figures;
    private final Clock clock;
    private final Map<DocumentId, Suspect> suspects = new LinkedHashMap<>();
    private final Set<Reported> reported = new LinkedHashSet<>();

    DriftSampler(DriftSettings settings, Projector projector, DocumentRecompute recompute, MongoDatabase database,
                 MongoDocumentSample sample, Repair repair, DriftFigures figures, Clock clock) {
        this.settings = settings;
        this.projector = projector;
        this.recompute = recompute;
        this.database = database;
        this.sample = sample;
        this.log = new MongoDriftLog(database);
        this.repair = repair;
        this.figures = figures;
        this.clock = clock;
    }

    @Override
    public void run() {
        try {
            int budget = settings.documentsPerInterval();
            for (Suspect suspect : List.copyOf(suspects.values())) {
                if (budget-- <= 0) {
                    break;
                }
                lookAgain(suspect);
            }
            List<ProjectionDefinition> projections = projector.projections();
            for (int i = 0; i < projections.size() && budget > 0; i++) {
                ProjectionDefinition projection = projections.get(i);
                int share = budget / (projections.size() - i) + (budget % (projections.size() - i) == 0 ? 0 : 1);
                for (BsonValue id : sample.ids(projection.collection(), share)) {
                    DocumentId document = new DocumentId(projection.name(), id);
                    if (!suspects.containsKey(document)) {
                        firstLook(projection, document);
                        budget--;
                    }
                }
            }
            figures.roundDone(clock.instant());
            log.saveFigures(figures.snapshot().toBson());
        } catch (MongoInterruptedException e) {
            // The bridge is stopping: the round in hand ends here.
        } catch (RuntimeException e) {
            // Caught whatever it is: an exception out of a scheduled task would end the sampler without a word.
            // The next round tries again; a projector that failed refuses every call until the bridge stops.
            LOG.warn("The drift sampler's round failed: {}", e.toString());
        }
    }

    private void firstLook(ProjectionDefinition projection, DocumentId document) {
        // Every line about the document names its projection (JSON logs: mdc.projection).
        try (MDC.MDCCloseable name = MDC.putCloseable(LogFields.PROJECTION, projection.name())) {
            firstLookAt(projection, document);
        }
    }

    private void firstLookAt(ProjectionDefinition projection, DocumentId document) {
        Look look = look(projection, document, true);
        if (look != null && !look.differences().isEmpty()) {
            suspects.put(document, new Suspect(document, look, 1));
        }
    }

    private void lookAgain(Suspect suspect) {
        try (MDC.MDCCloseable name = MDC.putCloseable(LogFields.PROJECTION, suspect.document().projection())) {
            lookAgainAt(suspect);
        }
    }

    private void lookAgainAt(Suspect suspect) {
        ProjectionDefinition projection = projector.projection(suspect.document().projection());
        if (projection == null || projection.version() != suspect.first().version()) {
            suspects.remove(suspect.document());
            return;
        }
        Look look = look(projection, suspect.document(), false);
        if (look == null || look.differences().isEmpty() || !look.documentVersion().equals(suspect.first().documentVersion())) {
            // Gone, settled, or written by the bridge since the first look: nothing to report from that look.
            if (look != null && !look.documentVersion().equals(suspect.first().documentVersion())) {
                figures.moved(projection.name());
            }
            suspects.remove(suspect.document());
            return;
        }
        SourcePosition applied = projector.lastPosition();
        boolean caughtUp = suspect.first().recomputed().streamHasPassed().test(applied)
                || applied.equals(suspect.first().applied());
        if (!caughtUp) {
            if (suspect.looks() + 1 >= MAX_LOOKS) {
                figures.moved(projection.name());
                suspects.remove(suspect.document());
            } else {
                suspects.put(suspect.document(), new Suspect(suspect.document(), suspect.first(), suspect.looks() + 1));
            }
            return;
        }
        suspects.remove(suspect.document());
        drifted(projection, suspect.document(), look);
    }

    /**
     * Reads the stored document, checks its shape (first looks only, so that a document is counted once per
     * sample), recomputes it from the source and compares. {@code null} when there is nothing to compare: the
     * document is gone, it moved during the look, or the look failed.
     */
    private Look look(ProjectionDefinition projection, DocumentId document, boolean countShape) {
        var collection = database.getCollection(projection.collection(), BsonDocument.class);
        BsonDocument before = collection.find(Filters.eq("_id", document.id())).first();
        if (before == null) {
            return null;
        }
        if (countShape) {
            EnumSet<MongoDocumentShape.Kind> kinds = EnumSet.noneOf(MongoDocumentShape.Kind.class);
            List<MongoDocumentShape.Problem> problems = MongoDocumentShape.check(before, projection);
            problems.forEach(problem -> kinds.add(problem.kind()));
            kinds.forEach(kind -> figures.shape(projection.name(), kind));
            if (!problems.isEmpty()) {
                LOG.warn("Shape check: {} document {}: {}", projection.name(), key(document.id()), problems);
            }
        }
        Object key = key(document.id());
        if (key == null) {
            figures.failed(projection.name(), "document id " + document.id() + " of " + projection.name() + " is not a key the source has");
            return null;
        }
        SourcePosition applied = projector.lastPosition();
        DocumentRecompute.Recomputed recomputed;
        try {
            recomputed = recompute.recompute(projection, key, projector.asOf(), applied);
        } catch (SQLException | RuntimeException e) {
            figures.failed(projection.name(), "recomputing " + projection.name() + " document " + document.id() + " from the source: "
                    + e.getMessage());
            LOG.warn("The drift sampler could not read {} document {} from the source: {}", projection.name(), document.id(),
                    e.getMessage());
            return null;
        }
        BsonDocument after = collection.find(Filters.eq("_id", document.id())).first();
        if (after == null || !documentVersion(after).equals(documentVersion(before))) {
            figures.moved(projection.name());
            return null;
        }
        if (!recomputed.fits()) {
            // No version of it can be written: the bridge keeps the last good one, and a dead letter says so.
            return null;
        }
        figures.checked(projection.name());
        List<Difference> differences = recomputed.document()
                .map(expected -> MongoDocumentDifferences.between(after, expected))
                .orElseGet(() -> List.of(new Difference("", java.util.Optional.of("the document"),
                        java.util.Optional.empty())));
        return new Look(after, documentVersion(after), projection.version(), differences, recomputed, applied);
    }

    private void drifted(ProjectionDefinition projection, DocumentId document, Look look) {
        Reported key = new Reported(document, look.documentVersion());
        if (!reported.add(key)) {
            return;
        }
        if (reported.size() > REPORTED_KEPT) {
            reported.remove(reported.iterator().next());
        }
        List<Difference> differences = look.differences();
        LOG.warn("Drift: {} document {} differs from the source in {} paths, e.g. {}", projection.name(), key(document.id()),
                differences.size(), differences.get(0));
        String repairOutcome = "off";
        if (settings.repair()) {
            try {
                repair.start(projection.name(), String.valueOf(key(document.id())));
                repairOutcome = "started";
            } catch (IllegalStateException | IllegalArgumentException e) {
                repairOutcome = "refused: " + e.getMessage();
            }
        }
        BsonArray kept = new BsonArray();
        differences.stream().limit(MongoDocumentDifferences.MAX_DIFFERENCES).forEach(d -> kept.add(d.toBson()));
        BsonValue position = look.stored().getDocument("_meta", new BsonDocument()).get("position");
        log.record(new BsonDocument("projection", new BsonString(projection.name()))
                .append("documentId", document.id())
                .append("at", new BsonDateTime(clock.instant().toEpochMilli()))
                .append("documentPosition", position == null ? new BsonString("-") : position)
                .append("differenceCount", new BsonInt32(differences.size()))
                .append("differences", kept)
                .append("repair", new BsonString(repairOutcome))
                .append("repairOn", BsonBoolean.valueOf(settings.repair())), settings.recordsKept());
        // Counted once recorded, so that a reader who sees the count finds the record.
        figures.drifted(projection.name());
        if ("started".equals(repairOutcome)) {
            figures.repaired(projection.name());
        }
    }

    /** What identifies the version of a stored document the bridge wrote: its position and its write time. */
    private static String documentVersion(BsonDocument document) {
        BsonValue meta = document.get("_meta");
        if (meta == null || !meta.isDocument()) {
            return "";
        }
        return meta.asDocument().get("position", new BsonString("")) + "@" + meta.asDocument().get("writtenAt", new BsonString(""));
    }

    /** The root key a document id stands for, as the source holds it; {@code null} for an id no row can have. */
    private static Object key(BsonValue id) {
        return switch (id.getBsonType()) {
            case INT64 -> id.asInt64().getValue();
            case INT32 -> (long) id.asInt32().getValue();
            case STRING -> id.asString().getValue();
            default -> null;
        };
    }

    private record DocumentId(String projection, BsonValue id) {
    }

    private record Reported(DocumentId document, String documentVersion) {
    }

    /**
     * One look at one document.
     *
     * @param applied the newest position the bridge had applied when the look's snapshot was opened
     */
    private record Look(BsonDocument stored, String documentVersion, int version, List<Difference> differences,
                        DocumentRecompute.Recomputed recomputed, SourcePosition applied) {
    }

    private record Suspect(DocumentId document, Look first, int looks) {
    }
}
