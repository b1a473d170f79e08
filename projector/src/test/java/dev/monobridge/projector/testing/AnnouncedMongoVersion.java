package dev.monobridge.projector.testing;

import java.util.List;

import de.bwaldvogel.mongo.MongoVersion;

/**
 * The MongoDB version the tests' in-process server announces, with the wire version that real MongoDB
 * 5.0 announces, as the demo's server does ({@code connector/.../demo/AnnouncedMongoVersion}; the
 * projector cannot depend on the connector, hence the twin).
 *
 * <p>mongo-java-server 1.47.0 calls its default version 5.0 but announces wire version 8, which is
 * MongoDB 4.2's. The project supports MongoDB 5.0 and newer, so the driver should be tested talking to
 * a server that says it is one: with wire version 13 the driver picks the commands it sends to 5.0.
 */
enum AnnouncedMongoVersion implements MongoVersion {

    /** MongoDB 5.0: wire version 13, as its handshake reply ({@code isMaster}) gives it. */
    MONGO_5_0(List.of(5, 0, 0), 13);

    private final List<Integer> versionArray;
    private final int wireVersion;

    AnnouncedMongoVersion(List<Integer> versionArray, int wireVersion) {
        this.versionArray = versionArray;
        this.wireVersion = wireVersion;
    }

    @Override
    public List<Integer> getVersionArray() {
        return versionArray;
    }

    @Override
    public int getWireVersion() {
        return wireVersion;
    }
}
