package dev.monobridge.projector.mongo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import org.bson.BsonDocument;
import org.bson.BsonInt64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.mongodb.client.MongoDatabase;

import dev.monobridge.projector.change.Change;
import dev.monobridge.projector.change.Op;
import dev.monobridge.projector.change.RowKey;
import dev.monobridge.projector.change.SourcePosition;
import dev.monobridge.projector.core.Projector;
import dev.monobridge.projector.core.ProjectorStats;
import dev.monobridge.projector.definition.ProjectionDefinition;
import dev.monobridge.projector.definition.ProjectionDefinitionReader;
import dev.monobridge.projector.testing.InProcessMongo;

/**
 * Kafka Connect sinks of different projections may write into one MongoDB database, and two teams'
 * projections often read the same table. Each projector must keep its own row states there: sharing
 * them, the second projector would find the first one's state of a row at the change's own position
 * and drop the change as stale, and its document would never come.
 */
class ProjectorsSharingADatabaseTest {

    private static final Instant NOW = Instant.parse("2026-12-26T18:00:00Z");
    private static final ProjectionDefinition NAMES = definition("event-names", "event_names", "name");
    private static final ProjectionDefinition STATUSES = definition("event-statuses", "event_statuses", "status");

    @RegisterExtension
    static final InProcessMongo mongo = InProcessMongo.start();

    @Test
    void twoProjectorsOfTheSameTableInOneDatabaseEachWriteTheirDocuments() {
        MongoDatabase database = mongo.freshDatabase("shared");
        Change insert = new Change("public.event", Op.CREATE, RowKey.of("id", 14L), null,
                Map.of("id", 14L, "name", "Brentford v Chelsea", "status", "SCHEDULED"), new SourcePosition(100, 1), NOW, null);

        open(database, NAMES, "monobridge-event-names").accept(List.of(insert));
        open(database, STATUSES, "monobridge-event-statuses").accept(List.of(insert));

        assertThat(field(database, "event_names", "name")).isEqualTo("Brentford v Chelsea");
        assertThat(field(database, "event_statuses", "status")).isEqualTo("SCHEDULED");
    }

    @Test
    void aScopeThatCannotNameACollectionIsRefused() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> MongoProjectionStore.statesCollection("a/b"))
                .hasMessageContaining("a store scope is 1 to 100 letters");
        assertThat(MongoProjectionStore.statesCollection("")).isEqualTo(MongoProjectionStore.STATES);
    }

    private static Projector open(MongoDatabase database, ProjectionDefinition definition, String scope) {
        return MongoProjectorFactory.open(database, List.of(definition), Duration.ofHours(1), new ProjectorStats(),
                Clock.fixed(NOW, ZoneOffset.UTC), MongoProjectorFactory.CACHE_ROWS, scope);
    }

    private static String field(MongoDatabase database, String collection, String field) {
        BsonDocument document = database.getCollection(collection, BsonDocument.class).find(new BsonDocument("_id", new BsonInt64(14))).first();
        return document == null ? null : document.getString(field).getValue();
    }

    private static ProjectionDefinition definition(String name, String collection, String field) {
        return new ProjectionDefinitionReader().readText(name + ".yaml", """
                name: %s
                team: sportsbook-web
                collection: %s
                version: 1
                root:
                  table: public.event
                  key: id
                  fields: [id, %s]
                """.formatted(name, collection, field));
    }
}
