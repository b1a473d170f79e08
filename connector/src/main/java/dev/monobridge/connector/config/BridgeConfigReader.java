package dev.monobridge.connector.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import dev.monobridge.connector.drift.DriftSettings;
import dev.monobridge.projector.definition.ConfigException;
import dev.monobridge.projector.definition.ConfigProblem;
import dev.monobridge.projector.definition.Problems;
import dev.monobridge.projector.definition.YamlNode;
import dev.monobridge.projector.mongo.MongoTrailSettings;

/**
 * Reads {@code bridge.yaml}: every key checked against {@link Settings}, every problem reported at once
 * with file and line, and nothing clamped silently.
 */
public final class BridgeConfigReader {

    public BridgeConfig read(Path file) {
        Problems problems = new Problems();
        Map<String, String> values = new HashMap<>();
        Map<String, Integer> lines = new HashMap<>();
        Optional<YamlNode> root = YamlNode.parse(file, problems);
        if (root.isEmpty()) {
            // Unreadable or not YAML: every key would be "missing" too, which would only hide the cause.
            problems.throwIfAny();
        }
        root.ifPresent(node -> collect(file.toString(), node, values, lines, problems));
        BridgeConfig config = build(file.toString(), folderOf(file), values, lines, problems);
        if (!problems.isEmpty()) {
            // In the order of the file, which is the order a person fixes them in.
            throw new ConfigException(problems.list().stream().sorted(Comparator.comparingInt(ConfigProblem::line)).toList());
        }
        return config;
    }

    /**
     * Keys a release renamed, with their new names. Refused rather than read as the new key, so that a file
     * always says what the bridge reads; and named, since "unknown key" would leave a user guessing.
     */
    private static final Map<String, String> RENAMED = Map.of(
            // Renamed when MariaDB came: the figure is the log a source keeps for capture, a slot's WAL or a binlog.
            "http.ready-max-slot-lag-mb", Settings.HTTP_READY_MAX_SOURCE_LAG_MB.key());

    private static void collect(String file, YamlNode root, Map<String, String> values, Map<String, Integer> lines, Problems problems) {
        Set<String> sections = new LinkedHashSet<>();
        Settings.ALL.forEach(s -> sections.add(s.section()));
        Map<String, YamlNode> top = root.entries("bridge.yaml", problems);
        YamlNode.rejectUnknownKeys(root, top, sections, "bridge.yaml", problems);
        top.forEach((section, node) -> {
            if (!sections.contains(section)) {
                return;
            }
            Set<String> names = new LinkedHashSet<>();
            Settings.ALL.stream().filter(s -> s.section().equals(section)).forEach(s -> names.add(s.name()));
            Map<String, YamlNode> entries = new LinkedHashMap<>(node.entries("section '" + section + "'", problems));
            entries.entrySet().removeIf(entry -> refuseRenamed(file, section + "." + entry.getKey(), entry.getValue(), problems));
            YamlNode.rejectUnknownKeys(node, entries, names, "section '" + section + "'", problems);
            entries.forEach((name, value) -> {
                if (names.contains(name)) {
                    // The line is kept even when the value is not a single one: the key is there, and reported.
                    lines.put(section + "." + name, value.line());
                    value.text("'" + section + "." + name + "'", problems).ifPresent(text -> values.put(section + "." + name, text));
                }
            });
        });
    }

    private static boolean refuseRenamed(String file, String key, YamlNode value, Problems problems) {
        String renamed = RENAMED.get(key);
        if (renamed != null) {
            problems.add(file, value.line(), "'" + key + "' is now called '" + renamed + "'; rename the key, its value means the same");
        }
        return renamed != null;
    }

    /** The folder that relative paths inside the file are resolved against. */
    private static Path folderOf(Path file) {
        Path parent = file.toAbsolutePath().normalize().getParent();
        return parent == null ? Path.of("").toAbsolutePath() : parent;
    }

    private static BridgeConfig build(String file, Path folder, Map<String, String> values, Map<String, Integer> lines,
                                      Problems problems) {
        Reader r = new Reader(file, values, lines, problems);
        String passwordFile = r.text(Settings.SOURCE_PASSWORD_FILE);
        String type = r.text(Settings.SOURCE_TYPE);
        // The port's default is the chosen database's own.
        boolean portGiven = lines.containsKey(Settings.SOURCE_PORT.key());
        int port = Settings.MARIADB.equals(type) && !portGiven ? Settings.MARIADB_PORT : r.integer(Settings.SOURCE_PORT);
        BridgeConfig.Source source = new BridgeConfig.Source(type,
                r.text(Settings.SOURCE_HOST), port, r.text(Settings.SOURCE_DATABASE),
                r.text(Settings.SOURCE_USER), r.text(Settings.SOURCE_PASSWORD_ENV),
                passwordFile == null || passwordFile.isBlank() ? passwordFile : resolve(folder, passwordFile).toString(),
                r.text(Settings.SOURCE_SLOT), r.text(Settings.SOURCE_PUBLICATION), r.text(Settings.SOURCE_PUBLICATION_AUTOCREATE),
                r.integer(Settings.SOURCE_SERVER_ID), r.text(Settings.SOURCE_SNAPSHOT_MODE),
                Duration.ofMillis(r.integer(Settings.SOURCE_POLL_INTERVAL_MS)), r.integer(Settings.SOURCE_MAX_BATCH_SIZE),
                Duration.ofMillis(r.integer(Settings.SOURCE_HEARTBEAT_INTERVAL_MS)),
                // Not given: the chosen database's own, as for the port.
                lines.containsKey(Settings.SOURCE_HEARTBEAT_ACTION_QUERY.key())
                        ? Objects.requireNonNullElse(r.text(Settings.SOURCE_HEARTBEAT_ACTION_QUERY), "") : null);
        BridgeConfig.Mongo mongo = new BridgeConfig.Mongo(r.text(Settings.MONGO_URI_ENV), r.text(Settings.MONGO_URI),
                r.text(Settings.MONGO_DATABASE));
        return new BridgeConfig(source, mongo,
                resolve(folder, r.text(Settings.OFFSETS_FILE)),
                Duration.ofMillis(r.integer(Settings.OFFSETS_FLUSH_INTERVAL_MS)),
                resolve(folder, r.text(Settings.PROJECTIONS_DIRECTORY)),
                Duration.ofSeconds(r.integer(Settings.PROJECTOR_DELETE_MARKER_GRACE_SECONDS)),
                trace(r, problems),
                http(r, folder), drift(r));
    }

    private static DriftSettings drift(Reader r) {
        int interval = r.integer(Settings.DRIFT_INTERVAL_MS);
        int documents = r.integer(Settings.DRIFT_DOCUMENTS_PER_INTERVAL);
        int timeout = r.integer(Settings.DRIFT_STATEMENT_TIMEOUT_SECONDS);
        boolean repair = "true".equals(r.text(Settings.DRIFT_REPAIR));
        int kept = r.integer(Settings.DRIFT_RECORDS_KEPT);
        if (documents < 1 || timeout < 1 || kept < 1) {
            return DriftSettings.OFF; // a bad value, already reported at its line: the file is refused
        }
        return new DriftSettings(Duration.ofMillis(interval), documents, Duration.ofSeconds(timeout), repair, kept);
    }

    /**
     * The trail's settings. A value its key refused is already a problem, and the config is then never used:
     * the record, which refuses such values too, is not built from it.
     */
    private static MongoTrailSettings trace(Reader r, Problems problems) {
        int perDocument = r.integer(Settings.TRACE_PER_DOCUMENT);
        int keepHours = r.integer(Settings.TRACE_KEEP_HOURS);
        int maxTrails = r.integer(Settings.TRACE_MAX_TRAILS);
        return problems.isEmpty() ? new MongoTrailSettings(perDocument, Duration.ofHours(keepHours), maxTrails) : MongoTrailSettings.DEFAULT;
    }

    private static BridgeConfig.Http http(Reader r, Path folder) {
        String tokensFile = r.text(Settings.HTTP_TOKENS_FILE);
        return new BridgeConfig.Http(r.integer(Settings.HTTP_PORT), r.text(Settings.HTTP_BIND_ADDRESS),
                tokensFile == null || tokensFile.isBlank() ? null : resolve(folder, tokensFile),
                r.text(Settings.HTTP_ADMIN_TOKEN_SHA256_ENV), r.text(Settings.HTTP_METRICS_TOKEN_SHA256_ENV),
                r.integer(Settings.HTTP_MAX_PAGE_SIZE),
                r.integer(Settings.HTTP_READY_MAX_SOURCE_LAG_MB) * 1024L * 1024L);
    }

    /**
     * A relative path inside the file is relative to the file's folder, not to the working directory:
     * the file and what it names are kept together, and the bridge finds them wherever it is started from.
     */
    private static Path resolve(Path folder, String path) {
        return path == null ? null : folder.resolve(path).normalize();
    }

    /**
     * Reads typed values: a value from the file passes its key's check or is reported at its line; a
     * default is the code's own and needs none.
     */
    private record Reader(String file, Map<String, String> values, Map<String, Integer> lines, Problems problems) {

        String text(Setting setting) {
            String value = values.get(setting.key());
            if (value == null && lines.containsKey(setting.key())) {
                return null; // present, but a list or a mapping: already reported at its line
            }
            if (value == null) {
                return setting.defaultText().orElseGet(() -> {
                    problems.add(file, 0, "missing '" + setting.key() + "': " + setting.description());
                    return null;
                });
            }
            Optional<String> problem = setting.problem(value);
            problem.ifPresent(p -> problems.add(file, lines.getOrDefault(setting.key(), 0), p));
            return problem.isEmpty() ? value : null;
        }

        /** The value, or 0 when it is missing or bad (and reported), so that reading goes on. */
        int integer(Setting setting) {
            String text = text(setting);
            return text == null ? 0 : Integer.parseInt(text.strip());
        }
    }
}
