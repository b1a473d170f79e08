package dev.monobridge.connector.bridge;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** Rebuilds against a real MariaDB (consistent-snapshot transactions through the pool) and the in-process MongoDB wire server. */
class MariaDbRebuildIT extends AbstractRebuildIT {

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
