package dev.monobridge.connector.bridge;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.testcontainers.junit.jupiter.Testcontainers;

/**
 * The same tests against the real {@code postgres:16} and {@code mongo:7} images. Skipped, and
 * reported as skipped, where no Docker engine runs.
 */
@Testcontainers(disabledWithoutDocker = true)
class ContainerBridgeIT extends AbstractBridgeIT {

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
