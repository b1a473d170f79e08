package dev.monobridge.connector.bridge;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.monobridge.projector.definition.ProjectionDefinition;
import dev.monobridge.projector.mongo.MongoDefinitions;

/**
 * Which definition each projection's live documents are written with. Normally the one in its file.
 * When the file's version differs from the version the live documents were built with, the live
 * documents keep the stored definition, and the file's waits for a rebuild: a collection never mixes
 * versions, and the bridge says so at start-up.
 *
 * @param live    the definitions to write the live collections with
 * @param pending the newer definitions that a rebuild will bring in
 */
record LiveDefinitions(List<ProjectionDefinition> live, Map<String, ProjectionDefinition> pending) {

    private static final Logger LOG = LoggerFactory.getLogger(LiveDefinitions.class);

    static LiveDefinitions resolve(List<ProjectionDefinition> files, MongoDefinitions stored) {
        List<ProjectionDefinition> live = new ArrayList<>();
        Map<String, ProjectionDefinition> pending = new LinkedHashMap<>();
        for (ProjectionDefinition file : files) {
            Optional<ProjectionDefinition> built = stored.live(file.name());
            if (built.isEmpty() || built.get().version() == file.version()) {
                stored.store(file, text(file));
                live.add(file);
            } else {
                LOG.warn("Projection {}: its live documents were built by definition version {}, and {} now says version {}."
                                + " They stay at version {} until you run: monobridge rebuild {}",
                        file.name(), built.get().version(), file.file(), file.version(), built.get().version(), file.name());
                live.add(built.get());
                pending.put(file.name(), file);
            }
        }
        return new LiveDefinitions(live, pending);
    }

    static String text(ProjectionDefinition definition) {
        try {
            return Files.readString(Path.of(definition.file()), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + definition.file(), e);
        }
    }
}
