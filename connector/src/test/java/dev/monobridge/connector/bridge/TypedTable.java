package dev.monobridge.connector.bridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.bson.BsonDocument;

import com.mongodb.client.model.Filters;

import dev.monobridge.projector.definition.ProjectionDefinition;
import dev.monobridge.projector.definition.ProjectionDefinitionReader;
import dev.monobridge.projector.mongo.MongoProjectionStore;
import dev.monobridge.projector.rebuild.RebuildProgress;

/**
 * The type-mapping tests' table {@code public.typed}: one column per type, and a projection that
 * copies every column into its document under the same name. Each database's test writes its own
 * columns and golden documents; this is what they share.
 */
final class TypedTable {

    static final String PROJECTION = "typed";

    private TypedTable() {
    }

    /**
     * The projection of every column in {@code columns} (SQL column definitions, comma-separated), as a
     * file in {@code work}: a rebuild reads its definition from the directory.
     */
    static List<ProjectionDefinition> projection(Path work, String columns) throws IOException {
        StringBuilder yaml = new StringBuilder("""
                name: typed
                team: spec
                collection: typed
                version: 1
                root:
                  table: public.typed
                  key: id
                  fields:
                    id: id
                """);
        for (String column : columns.split(",\\s*(?=[a-z0-9]+ )")) {
            String name = column.trim().split(" ")[0];
            yaml.append("    ").append(name).append(": ").append(name).append('\n');
        }
        Files.createDirectories(work.resolve("projections"));
        Files.writeString(work.resolve("projections/typed.yaml"), yaml);
        return new ProjectionDefinitionReader().readDirectory(work.resolve("projections"));
    }

    /** The document of row {@code id} without _id, id and _meta, or {@code null} while there is none. */
    static BsonDocument content(Bridge bridge, long id) {
        BsonDocument document = bridge.database().getCollection(PROJECTION, BsonDocument.class).find(Filters.eq("_id", id)).first();
        if (document == null) {
            return null;
        }
        document.remove("_id");
        document.remove("id");
        document.remove("_meta");
        return document;
    }

    /** Rebuilds the projection from the source over JDBC and waits until it is done, with no dead letter. */
    static void rebuild(Bridge bridge) {
        RebuildProgress.Snapshot started = bridge.rebuilds().start(PROJECTION, null);
        await().atMost(Duration.ofSeconds(60)).until(() -> bridge.rebuilds().status().stream()
                .anyMatch(s -> s.projection().equals(started.projection()) && s.phase().isFinished()));
        assertThat(bridge.rebuilds().status()).singleElement().satisfies(done ->
                assertThat(done.phase()).as(done.error()).isEqualTo(RebuildProgress.Phase.DONE));
    }

    /**
     * Rows 1, 3, 5... were read by the snapshot and rows 2, 4, 6... streamed, with the same values: each
     * pair must give its golden document, named by what its values are.
     */
    static void assertDocuments(Bridge bridge, String when, String... namesAndGoldenDocuments) {
        for (int i = 0; i < namesAndGoldenDocuments.length; i += 2) {
            String golden = BsonDocument.parse(namesAndGoldenDocuments[i + 1]).toJson();
            long snapshotRow = i + 1;
            assertThat(content(bridge, snapshotRow).toJson()).as(namesAndGoldenDocuments[i] + ", snapshot, " + when).isEqualTo(golden);
            assertThat(content(bridge, snapshotRow + 1).toJson()).as(namesAndGoldenDocuments[i] + ", stream, " + when).isEqualTo(golden);
        }
    }

    static long deadLetters(Bridge bridge) {
        return bridge.database().getCollection(MongoProjectionStore.DEAD_LETTERS).countDocuments();
    }
}
