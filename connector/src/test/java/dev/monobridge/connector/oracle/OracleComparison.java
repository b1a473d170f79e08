package dev.monobridge.connector.oracle;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.bson.BsonDocument;

import com.mongodb.client.MongoDatabase;

import dev.monobridge.projector.definition.ProjectionDefinition;

/** Compares a projection's documents in MongoDB with the oracle's, and says how they differ. */
public final class OracleComparison {

    private final SqlOracle oracle;
    private final MongoDatabase database;

    public OracleComparison(SqlOracle oracle, MongoDatabase database) {
        this.oracle = oracle;
        this.database = database;
    }

    /**
     * The differences, one line each; empty when MongoDB holds exactly the oracle's documents as of
     * the given projection time.
     */
    public List<String> differences(ProjectionDefinition projection, Instant asOf) {
        Map<Object, Map<String, Object>> expected = oracle.documents(projection, asOf);
        Map<Object, Map<String, Object>> actual = new TreeMap<>(Comparator.comparing(String::valueOf));
        for (BsonDocument document : database.getCollection(projection.collection(), BsonDocument.class).find()) {
            actual.put(Canonical.ofBson(document.get("_id")), Canonical.ofDocument(document));
        }
        List<String> differences = new ArrayList<>();
        Set<Object> ids = new TreeSet<>(Comparator.comparing(String::valueOf));
        ids.addAll(expected.keySet());
        ids.addAll(actual.keySet());
        for (Object id : ids) {
            Map<String, Object> want = expected.get(id);
            Map<String, Object> got = actual.get(id);
            if (got == null) {
                differences.add(projection.name() + " " + id + ": missing, expected " + want);
            } else if (want == null) {
                differences.add(projection.name() + " " + id + ": should not exist, found " + got);
            } else if (!want.equals(got)) {
                differences.add(projection.name() + " " + id + ":\n    expected " + want + "\n    actual   " + got);
            }
        }
        return differences;
    }

    /** Differences across several projections. */
    public List<String> differences(List<ProjectionDefinition> projections, Instant asOf) {
        List<String> all = new ArrayList<>();
        projections.forEach(p -> all.addAll(differences(p, asOf)));
        return all;
    }
}
