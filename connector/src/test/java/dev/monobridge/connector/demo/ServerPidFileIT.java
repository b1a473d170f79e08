package dev.monobridge.connector.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * Every embedded server is recorded while it runs, so that one left behind by a killed JVM can be stopped
 * by its pid, never by its name ({@code .ci/run} reads these records).
 */
class ServerPidFileIT {

    private static final Path FOLDER = Path.of(System.getProperty("java.io.tmpdir"), ServerPidFile.FOLDER);

    @Test
    void aRunningServerIsRecordedByPidOwnerAndDataDirectoryAndTheRecordGoesWhenItStops() throws IOException {
        Path record;
        try (DemoPostgres postgres = DemoPostgres.startFresh()) {
            long pid = queryLong(postgres, "select pid from pg_stat_activity where backend_type = 'checkpointer'");
            long postmaster = ProcessHandle.of(pid).flatMap(ProcessHandle::parent).orElseThrow().pid();
            record = FOLDER.resolve(postmaster + ".pid");
            assertThat(record).as("the record of the postmaster, pid %d", postmaster).exists();

            List<String> lines = Files.readAllLines(record, StandardCharsets.UTF_8);
            String data = lines.get(2).substring("data=".length());
            assertThat(lines).containsExactly("pid=" + postmaster, "owner=" + ProcessHandle.current().pid(), "data=" + data);
            // What .ci/run checks before it stops a recorded server: its command line names the data directory.
            String commandLine = Files.readString(Path.of("/proc", Long.toString(postmaster), "cmdline")).replace('\0', ' ');
            assertThat(commandLine).contains("postgres", " -D " + data);
        }
        assertThat(record).as("the record after a clean stop").doesNotExist();
    }

    private static long queryLong(DemoPostgres postgres, String sql) {
        try (var connection = postgres.dataSource().getConnection(); var statement = connection.createStatement();
             var rs = statement.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
