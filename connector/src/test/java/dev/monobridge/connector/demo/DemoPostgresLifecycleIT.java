package dev.monobridge.connector.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Starts and stops servers of its own: each start on a new data directory costs an initdb (1-3 s). */
class DemoPostgresLifecycleIT {

    @Test
    void startsEmptyWhenAskedToCleanAnExistingCluster(@TempDir Path directory) throws SQLException {
        try (DemoPostgres first = DemoPostgres.start(directory, false)) {
            TestDatabases.execute(first.dataSource(), "create table gone (id int)");
        }

        try (DemoPostgres cleaned = DemoPostgres.start(directory, true)) {
            assertThat(TestDatabases.count(cleaned.dataSource(),
                    "select count(*) from pg_tables where tablename = 'gone'")).isZero();
        }
        assertThat(directory.resolve("PG_VERSION")).as("the cluster stays after close").exists();
    }

    @Test
    void refusesADataDirectoryThatAServerStillRunsOn(@TempDir Path directory) {
        try (DemoPostgres running = DemoPostgres.start(directory, false)) {
            for (boolean clean : new boolean[] {false, true}) {
                assertThatThrownBy(() -> DemoPostgres.start(directory, clean))
                        .isInstanceOf(IllegalStateException.class)
                        .hasMessageContaining("still runs on " + directory.toAbsolutePath());
            }
            assertThat(running.dataSource()).as("the running server is untouched").isNotNull();
            assertThat(directory.resolve("PG_VERSION")).exists();
        }
    }

    @Test
    void closeClosesThePoolAndStopsTheServer() {
        DemoPostgres closing = DemoPostgres.startFresh();
        closing.dataSource();
        int port = closing.port();

        closing.close();
        closing.close();

        assertThatThrownBy(closing::dataSource).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("localhost", port), 1000);
            }
        }).isInstanceOf(IOException.class);
    }
}
