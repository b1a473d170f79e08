package dev.monobridge.connect;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import org.apache.kafka.common.config.Config;
import org.apache.kafka.connect.runtime.isolation.PluginDesc;
import org.apache.kafka.connect.runtime.isolation.Plugins;
import org.apache.kafka.connect.sink.SinkConnector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The archive {@code mvn package} builds, as an operator uses it: unzipped into a worker's
 * {@code plugin.path}, where Connect loads it in an isolated class loader.
 */
class PluginArchiveIT {

    @TempDir
    Path pluginPath;

    private static Path archive() throws IOException {
        List<Path> archives = new ArrayList<>();
        try (DirectoryStream<Path> found = Files.newDirectoryStream(Path.of("target"), "monobridge-connect-*.zip")) {
            found.forEach(archives::add);
        }
        assertThat(archives).as("the plugin archive in connect/target").hasSize(1);
        return archives.get(0);
    }

    private static String version(Path archive) {
        String name = archive.getFileName().toString();
        return name.substring("monobridge-connect-".length(), name.length() - ".zip".length());
    }

    @Test
    void theArchiveHoldsOnePluginFolderWithItsManifestAndLibrariesButNoKafkaConnectApiOrSlf4jJars() throws IOException {
        Path archive = archive();
        String folder = "monobridge-connect-" + version(archive) + "/";
        List<String> entries = new ArrayList<>();
        JsonNode manifest;
        try (ZipFile zip = new ZipFile(archive.toFile())) {
            for (Enumeration<? extends ZipEntry> e = zip.entries(); e.hasMoreElements(); ) {
                entries.add(e.nextElement().getName());
            }
            try (InputStream in = zip.getInputStream(zip.getEntry(folder + "manifest.json"))) {
                manifest = new ObjectMapper().readTree(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        }

        assertThat(entries).allSatisfy(entry -> assertThat(entry).startsWith(folder));
        List<String> jars = entries.stream().filter(e -> e.endsWith(".jar")).map(e -> e.substring(folder.length())).toList();
        assertThat(jars).allSatisfy(jar -> assertThat(jar).startsWith("lib/"))
                .anySatisfy(jar -> assertThat(jar).startsWith("lib/monobridge-connect-"))
                .anySatisfy(jar -> assertThat(jar).startsWith("lib/monobridge-projector-"))
                .anySatisfy(jar -> assertThat(jar).startsWith("lib/monobridge-capture-"))
                .anySatisfy(jar -> assertThat(jar).startsWith("lib/mongodb-driver-sync-"))
                .noneSatisfy(jar -> assertThat(jar).matches("lib/(kafka|connect-|slf4j-).*"));
        assertThat(manifest.path("name").asText()).isEqualTo("monobridge-connect");
        assertThat(manifest.path("version").asText()).isEqualTo(version(archive));
        assertThat(manifest.path("component_types").toString()).isEqualTo("[\"sink\"]");
    }

    @Test
    void aWorkerLoadsTheSinkFromTheUnpackedArchiveInItsOwnClassLoader() throws Exception {
        Path archive = archive();
        unzip(archive, pluginPath);

        Plugins plugins = new Plugins(Map.of("plugin.path", pluginPath.toString(), "plugin.discovery", "service_load"));
        PluginDesc<SinkConnector> sink = plugins.sinkConnectors().stream()
                .filter(desc -> desc.className().equals(MonobridgeSinkConnector.class.getName()))
                .filter(desc -> desc.location().contains(pluginPath.toString()))
                .findFirst().orElseThrow(() -> new AssertionError("no Monobridge sink found in " + pluginPath));

        assertThat(sink.version()).as("the version from the packaged jar's manifest").isEqualTo(version(archive));
        assertThat(sink.loader().getClass().getSimpleName()).isEqualTo("PluginClassLoader");
        // The plugin's own libraries come from the archive, Connect's API from the worker.
        assertThat(sink.loader().loadClass("com.mongodb.client.MongoClients").getClassLoader()).isSameAs(sink.loader());
        assertThat(sink.loader().loadClass(SinkConnector.class.getName())).isSameAs(SinkConnector.class);

        // Validation runs the projection reader (snakeyaml, the projector) inside the isolated loader.
        SinkConnector connector = sink.pluginClass().getDeclaredConstructor().newInstance();
        ClassLoader previous = Thread.currentThread().getContextClassLoader();
        Thread.currentThread().setContextClassLoader(sink.loader());
        try {
            Config config = connector.validate(Map.of(SinkSettings.MONGODB_URI, "mongodb://localhost",
                    SinkSettings.MONGODB_DATABASE, "monobridge", SinkSettings.PROJECTIONS_DIRECTORY, "../config/projections"));
            assertThat(config.configValues()).allSatisfy(value -> assertThat(value.errorMessages()).as(value.name()).isEmpty());
        } finally {
            Thread.currentThread().setContextClassLoader(previous);
        }
    }

    private static void unzip(Path archive, Path into) throws IOException {
        try (ZipFile zip = new ZipFile(archive.toFile())) {
            for (Enumeration<? extends ZipEntry> e = zip.entries(); e.hasMoreElements(); ) {
                ZipEntry entry = e.nextElement();
                Path target = into.resolve(entry.getName()).normalize();
                if (!target.startsWith(into)) {
                    throw new IOException("entry outside the archive's folder: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    try (InputStream in = zip.getInputStream(entry)) {
                        Files.copy(in, target);
                    }
                }
            }
        }
    }
}
