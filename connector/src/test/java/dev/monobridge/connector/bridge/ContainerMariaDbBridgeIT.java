package dev.monobridge.connector.bridge;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.testcontainers.junit.jupiter.Testcontainers;

/**
 * The same tests against the real {@code mariadb:11} and {@code mongo:7} images. Skipped, and reported
 * as skipped, where no Docker engine runs. ({@code mysql:8.4} is not among them: Debezium's MariaDB
 * connector reads MariaDB only, and this project has no MySQL adapter.)
 */
@Testcontainers(disabledWithoutDocker = true)
class ContainerMariaDbBridgeIT extends AbstractBridgeIT {

    private static TestSources sources;

    @BeforeAll
    static void startServers() {
        sources = new ContainerMariaDbSources();
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
