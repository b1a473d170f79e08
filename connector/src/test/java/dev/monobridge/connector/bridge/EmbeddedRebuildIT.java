package dev.monobridge.connector.bridge;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** Rebuilds against embedded PostgreSQL binaries and the in-process MongoDB wire server. */
class EmbeddedRebuildIT extends AbstractRebuildIT {

    private static TestSources sources;

    @BeforeAll
    static void startServers() {
        sources = new EmbeddedSources();
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
