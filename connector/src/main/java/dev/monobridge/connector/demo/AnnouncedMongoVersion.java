package dev.monobridge.connector.demo;

import de.bwaldvogel.mongo.MongoVersion;
import java.util.List;

/**
 * The MongoDB version the in-process server announces to clients, with the wire version that real
 * MongoDB 5.0 announces.
 *
 * <p>mongo-java-server 1.47.0 calls its default version 5.0 but announces wire version 8, which is
 * MongoDB 4.2's. The current official shell (mongosh 2.x, with Node.js driver 6.x or newer) refuses to
 * talk to a server below wire version 9 (MongoDB 4.4), so with the default the documents could not be
 * looked at. 5.0 is the oldest version the project supports on real servers (it uses only operations
 * that MongoDB 5.0 offers), so announcing it promises clients nothing the project does not use. With
 * driver 5.14, the bridge's operations (bulk updates with array filters, replaces, deletes, find, count,
 * aggregate, findAndModify, index and collection commands) sent the same commands at wire version 8 and
 * 13, compared with a command listener.
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
