package dev.monobridge.projector.testing;

import java.util.List;

import de.bwaldvogel.mongo.MongoVersion;

/**
 * MongoDB 5.0 with its real wire version (13), which the tests' server announces as the demo's does; see
 * {@code connector/.../demo/AnnouncedMongoVersion} for why (mongo-java-server's own "5.0" says wire 8).
 * The projector cannot depend on the connector, so this is the short form of the same fact.
 */
record AnnouncedMongoVersion(List<Integer> getVersionArray, int getWireVersion) implements MongoVersion {

    static final AnnouncedMongoVersion MONGO_5_0 = new AnnouncedMongoVersion(List.of(5, 0, 0), 13);
}
