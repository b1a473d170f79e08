package dev.monobridge.connect;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import dev.monobridge.projector.definition.ConfigException;
import dev.monobridge.projector.definition.ConfigProblem;
import dev.monobridge.projector.definition.ProjectionDefinition;
import dev.monobridge.projector.definition.ProjectionDefinitionReader;

/**
 * The projection definitions a sink projects: a directory of YAML files on the worker, or one
 * definition inline. Read with the same reader as the embedded bridge, so that a problem comes back as
 * the same {@code file:line: what}; inline YAML is named after its setting, {@code projections.yaml}.
 * The definitions are not checked against the source's schema: a sink never connects to the source
 * ({@code monobridge validate} does that).
 */
final class ProjectionsSetting {

    /** The definitions, or every problem found, each {@code file:line: what}. */
    record Outcome(List<ProjectionDefinition> definitions, List<String> problems) {
    }

    private ProjectionsSetting() {
    }

    static Outcome read(Map<String, String> properties) {
        String directory = blankToNull(properties.get(SinkSettings.PROJECTIONS_DIRECTORY));
        String yaml = blankToNull(properties.get(SinkSettings.PROJECTIONS_YAML));
        if (directory == null && yaml == null) {
            return problem("give the projection definitions: " + SinkSettings.PROJECTIONS_DIRECTORY + " (a directory of *.yaml)"
                    + " or " + SinkSettings.PROJECTIONS_YAML + " (one definition inline)");
        }
        if (directory != null && yaml != null) {
            return problem("give " + SinkSettings.PROJECTIONS_DIRECTORY + " or " + SinkSettings.PROJECTIONS_YAML + ", not both");
        }
        ProjectionDefinitionReader reader = new ProjectionDefinitionReader();
        try {
            List<ProjectionDefinition> definitions = directory != null
                    ? reader.readDirectory(Path.of(directory))
                    : List.of(reader.readText(SinkSettings.PROJECTIONS_YAML, yaml));
            return new Outcome(definitions, List.of());
        } catch (ConfigException e) {
            return new Outcome(List.of(), e.problems().stream().map(ConfigProblem::toString).toList());
        }
    }

    /** The definitions; a {@link org.apache.kafka.common.config.ConfigException} naming every problem otherwise. */
    static List<ProjectionDefinition> require(Map<String, String> properties) {
        Outcome outcome = read(properties);
        if (!outcome.problems().isEmpty()) {
            throw new org.apache.kafka.common.config.ConfigException("projection definitions: "
                    + String.join("; ", outcome.problems()));
        }
        return outcome.definitions();
    }

    private static Outcome problem(String problem) {
        return new Outcome(List.of(), List.of(problem));
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
