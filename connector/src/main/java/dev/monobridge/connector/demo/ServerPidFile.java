package dev.monobridge.connector.demo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A record of one PostgreSQL or MariaDB server started by this JVM, kept while it runs, so that whoever finds the
 * server left behind (the JVM was killed with {@code kill -9}, or a test run interrupted) can stop exactly
 * that server, by its pid, and nothing else: {@code .ci/run} does so before a run.
 *
 * <p>One file per server, {@value #FOLDER}/{@code <pid>.pid} under {@code java.io.tmpdir}, where the
 * embedded binaries also unpack, with three lines: {@code pid=} the postmaster's pid, {@code owner=} the
 * pid of the JVM that started it (while that JVM lives the server is not left behind, whoever else runs
 * tests on the machine), and {@code data=} its data directory (so that a pid reused by another program is
 * not taken for the server: its command line must name that directory). Removed when the server is
 * stopped cleanly.
 */
final class ServerPidFile {

    static final String FOLDER = "monobridge-servers";

    private static final Logger LOG = LoggerFactory.getLogger(ServerPidFile.class);

    private final Path file;

    private ServerPidFile(Path file) {
        this.file = file;
    }

    /**
     * Records the server running on {@code dataDirectory}, whose postmaster wrote its pid to the first line
     * of {@code postmaster.pid} there. A failure to record is logged, not thrown: the server runs either way,
     * and only a later clean-up would miss it.
     */
    static Optional<ServerPidFile> record(Path dataDirectory) {
        try {
            return record(Long.parseLong(Files.readAllLines(dataDirectory.resolve("postmaster.pid"), StandardCharsets.UTF_8).get(0).trim()),
                    dataDirectory);
        } catch (IOException | RuntimeException e) {
            LOG.warn("Could not record the PostgreSQL server on {}: {}", dataDirectory, e.toString());
            return Optional.empty();
        }
    }

    /** Records the server with this pid (a MariaDB started by this JVM) running on {@code dataDirectory}; as above. */
    static Optional<ServerPidFile> record(long pid, Path dataDirectory) {
        Path folder = Path.of(System.getProperty("java.io.tmpdir"), FOLDER);
        try {
            Files.createDirectories(folder);
            Path file = folder.resolve(pid + ".pid");
            Files.write(file, List.of("pid=" + pid, "owner=" + ProcessHandle.current().pid(), "data=" + dataDirectory.toAbsolutePath()),
                    StandardCharsets.UTF_8);
            return Optional.of(new ServerPidFile(file));
        } catch (IOException | RuntimeException e) {
            LOG.warn("Could not record the server on {} in {}: {}", dataDirectory, folder, e.toString());
            return Optional.empty();
        }
    }

    /** The server stopped cleanly: nothing is left behind. */
    void remove() {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.warn("Could not remove {}: {}", file, e.toString());
        }
    }
}
