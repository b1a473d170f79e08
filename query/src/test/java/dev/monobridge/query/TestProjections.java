package dev.monobridge.query;

import java.nio.file.Path;
import java.util.List;

import dev.monobridge.projector.definition.ProjectionDefinition;
import dev.monobridge.projector.definition.ProjectionDefinitionReader;

/** The shipped projection definitions, as the tests read them. */
final class TestProjections {

    static final List<ProjectionDefinition> ALL = new ProjectionDefinitionReader().readDirectory(Path.of("../config/projections"));

    private TestProjections() {
    }

    static ProjectionDefinition projection(String name) {
        return ALL.stream().filter(p -> p.name().equals(name)).findFirst().orElseThrow();
    }
}
