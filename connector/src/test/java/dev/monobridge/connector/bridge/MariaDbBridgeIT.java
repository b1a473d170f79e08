package dev.monobridge.connector.bridge;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The bridge against a real MariaDB (Debian's packages, started from the JVM with a row binlog),
 * Debezium's MariaDB connector, and the in-process MongoDB wire server: the same tests as on PostgreSQL,
 * each document compared with the oracle's plain SQL on MariaDB. Tests of what only PostgreSQL has
 * (TOAST, truncate events, timestamptz) are skipped here, each saying why.
 */
class MariaDbBridgeIT extends AbstractBridgeIT {

    private static TestSources sources;

    @BeforeAll
    static void startServers() {
        sources = new MariaDbSources();
    }

    @AfterAll
    static void stopServers() {
        sources.close();
    }

    @Override
    TestSources sources() {
        return sources;
    }
}
