package dev.monobridge.projector.testing;

import static org.assertj.core.api.Assertions.assertThat;

import org.bson.Document;
import org.junit.jupiter.api.Test;

class InProcessMongoTest {

    @Test
    void theTestsServerAnnouncesMongoDb50WithItsWireVersion() {
        try (InProcessMongo mongo = InProcessMongo.start()) {
            Document handshake = mongo.freshDatabase("handshake").runCommand(new Document("isMaster", 1));

            // 13 is MongoDB 5.0's wire version, the oldest the project supports; the driver picks its commands by it.
            assertThat(handshake.getInteger("maxWireVersion")).isEqualTo(13);
        }
    }
}
