package dev.monobridge.connector.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code .ci/stop-left-servers} stops a recorded server only when it is left behind and still that
 * server: never one whose JVM still runs (another job's), never a process that merely took a recorded pid.
 * It runs on this test's own folder of records, so that no other job's servers are ever touched.
 */
class LeftServersCleanupIT {

    private static final Path SCRIPT = Path.of("../.ci/stop-left-servers").toAbsolutePath().normalize();
    private static final Path RECORDS = Path.of(System.getProperty("java.io.tmpdir"), ServerPidFile.FOLDER);

    @TempDir
    Path folder;

    @Test
    void onlyAServerWhoseJvmIsGoneAndWhosePidIsStillThatServerIsStopped() throws Exception {
        long gone = deadPid();
        Process sleeper = new ProcessBuilder("sleep", "60").start();
        DemoPostgres postgres = DemoPostgres.startFresh();
        try {
            Path record = recordOf(postgres);
            List<String> lines = Files.readAllLines(record, StandardCharsets.UTF_8);
            long pid = Long.parseLong(lines.get(0).substring("pid=".length()));

            // Its JVM (this one) still runs: the server is someone's, and stays.
            Files.copy(record, folder.resolve(pid + ".pid"));
            // A recorded pid now held by another program whose JVM is gone: the program stays, the record goes.
            Files.write(folder.resolve(sleeper.pid() + ".pid"),
                    List.of("pid=" + sleeper.pid(), "owner=" + gone, "data=" + lines.get(2).substring("data=".length())));
            run();
            assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive)).as("the server its running JVM owns").contains(true);
            assertThat(folder.resolve(pid + ".pid")).exists();
            assertThat(sleeper.isAlive()).as("a program on a reused pid").isTrue();
            assertThat(folder.resolve(sleeper.pid() + ".pid")).doesNotExist();

            // The same server, recorded as left by a JVM that is gone: stopped, and its record removed.
            Files.write(folder.resolve(pid + ".pid"), List.of(lines.get(0), "owner=" + gone, lines.get(2)));
            run();
            await().atMost(Duration.ofSeconds(15)).until(() -> ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true));
            assertThat(folder.resolve(pid + ".pid")).doesNotExist();
        } finally {
            sleeper.destroy();
            try {
                postgres.close();
            } catch (RuntimeException stoppedAlready) {
                // The script stopped it, so zonky's own stop may find nothing to stop; the record is this test's to remove.
                Files.deleteIfExists(recordOf(postgres));
            }
        }
    }

    private Path recordOf(DemoPostgres postgres) throws IOException {
        try (var records = Files.list(RECORDS)) {
            for (Path record : (Iterable<Path>) records::iterator) {
                if (Files.readAllLines(record, StandardCharsets.UTF_8).contains("owner=" + ProcessHandle.current().pid())
                        && Files.readString(record).contains(dataDirectory(postgres))) {
                    return record;
                }
            }
        }
        throw new AssertionError("no record of the server on port " + postgres.port() + " in " + RECORDS);
    }

    private static String dataDirectory(DemoPostgres postgres) {
        try (var connection = postgres.dataSource().getConnection(); var statement = connection.createStatement();
             var rs = statement.executeQuery("select current_setting('data_directory')")) {
            rs.next();
            return "data=" + rs.getString(1);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private void run() throws IOException, InterruptedException {
        Process script = new ProcessBuilder(SCRIPT.toString(), folder.toString()).redirectErrorStream(true).start();
        assertThat(script.waitFor(30, TimeUnit.SECONDS)).as("the script finished").isTrue();
        String output = new String(script.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(script.exitValue()).as("exit code; output:%n%s", output).isZero();
    }

    /** The pid of a process that has ended, as a killed JVM's is. */
    private static long deadPid() throws IOException, InterruptedException {
        Process process = new ProcessBuilder("true").start();
        process.waitFor();
        return process.pid();
    }
}
