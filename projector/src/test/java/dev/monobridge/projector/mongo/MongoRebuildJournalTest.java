package dev.monobridge.projector.mongo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.ArrayList;

import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.mongodb.client.MongoDatabase;

import dev.monobridge.projector.testing.InProcessMongo;

/** A shadow is known to be unfinished by its record, from the moment it begins until it ends. */
class MongoRebuildJournalTest {

    @RegisterExtension
    static final InProcessMongo mongo = InProcessMongo.start();

    @Test
    void aShadowIsUnfinishedFromItsBeginToItsEnd() {
        MongoDatabase database = mongo.freshDatabase("journal");
        MongoRebuildJournal journal = new MongoRebuildJournal(database, Clock.systemUTC());

        journal.begin("racing-homepage", "racing_homepage__rebuild");
        journal.begin("event-page", "event_page__rebuild");
        assertThat(new MongoRebuildJournal(database, Clock.systemUTC()).unfinished())
                .containsExactlyInAnyOrder("racing_homepage__rebuild", "event_page__rebuild");

        journal.end("racing_homepage__rebuild");
        assertThat(journal.unfinished()).containsExactly("event_page__rebuild");
    }

    @Test
    void collectionsThatNoRebuildBeganAreNotUnfinished() {
        MongoDatabase database = mongo.freshDatabase("journal");
        database.getCollection("probe__rebuild").insertOne(new Document("_id", 1));

        assertThat(new MongoRebuildJournal(database, Clock.systemUTC()).unfinished()).isEmpty();
    }

    @Test
    void aShadowStartsEmptyEvenWhereAnOlderBridgeLeftOneWithoutARecord() {
        MongoDatabase database = mongo.freshDatabase("journal");
        database.getCollection("racing_homepage__rebuild").insertOne(new Document("_id", 1));

        new MongoRebuildJournal(database, Clock.systemUTC()).begin("racing-homepage", "racing_homepage__rebuild");

        assertThat(database.listCollectionNames().into(new ArrayList<>())).doesNotContain("racing_homepage__rebuild");
    }
}
