package dev.monobridge.connector.bridge;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.testcontainers.junit.jupiter.Testcontainers;

/** Rebuilds against the real postgres:16 and mongo:7 images; skipped where no Docker engine runs. */
@Testcontainers(disabledWithoutDocker = true)
class ContainerRebuildIT extends AbstractRebuildIT {

    private static TestSources sources;

    @BeforeAll
    static void startServers() {
        sources = new ContainerSources();
    }

    @AfterAll
    static void stopServers() {
        if (sources != null) {
            sources.close();
        }
    }

    @Override
    TestSources sources() {
        return sources;
    }
}
