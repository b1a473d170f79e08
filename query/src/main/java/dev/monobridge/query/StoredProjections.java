package dev.monobridge.query;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.monobridge.projector.definition.ProjectionDefinition;
import dev.monobridge.projector.mongo.MongoDefinitions;

/**
 * The live definitions as MongoDB stores them beside the documents ({@link MongoDefinitions}): what a
 * query server without a projector reads. The bridge stores each projection's definition when it
 * starts, and a rebuild's new one once its swap is done, so these are the definitions the live
 * collections were built with, even while a newer file waits for a rebuild.
 *
 * <p>Read once at start (every configured projection must be stored, or the server does not start),
 * then again every {@link #REFRESH} on a timer thread; requests read the last immutable snapshot and
 * never wait for MongoDB's answer. A refresh that fails keeps the last snapshot, and says so once.
 */
public final class StoredProjections implements LiveProjections, AutoCloseable {

    /**
     * How often the stored definitions are read again. A rebuild's swap changes a definition at most
     * every few minutes; until a server reads the new one it answers with the old one's queryable
     * fields for the swapped collection, which matters only when the version changed a root field.
     */
    public static final Duration REFRESH = Duration.ofSeconds(5);

    private static final Logger LOG = LoggerFactory.getLogger(StoredProjections.class);

    private final MongoDefinitions stored;
    private final List<String> names;
    private final AtomicReference<List<ProjectionDefinition>> current;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "monobridge-query-definitions");
        thread.setDaemon(true);
        return thread;
    });
    private boolean failing;

    private StoredProjections(MongoDefinitions stored, List<String> names, List<ProjectionDefinition> first) {
        this.stored = stored;
        this.names = names;
        this.current = new AtomicReference<>(first);
    }

    /**
     * Reads the stored definitions of the named projections, and keeps reading them every {@link #REFRESH}.
     *
     * @param names the projections to serve, as the configuration names them
     * @throws IllegalStateException naming every projection that MongoDB holds no definition of yet
     */
    public static StoredProjections start(MongoDefinitions stored, List<String> names) {
        StoredProjections projections = new StoredProjections(stored, List.copyOf(names), read(stored, names));
        projections.timer.scheduleWithFixedDelay(projections::refresh, REFRESH.toMillis(), REFRESH.toMillis(),
                TimeUnit.MILLISECONDS);
        return projections;
    }

    @Override
    public List<ProjectionDefinition> projections() {
        return current.get();
    }

    /** Reads them again now; on the timer thread, or from a test. */
    void refresh() {
        try {
            List<ProjectionDefinition> read = read(stored, names);
            // Definitions are records all the way down: equal when every setting is (owner, fields, version...).
            if (!read.equals(current.get())) {
                LOG.info("Stored definitions changed: {}", describe(read));
                current.set(read);
            }
            if (failing) {
                LOG.info("The stored definitions can be read again");
                failing = false;
            }
        } catch (RuntimeException e) {
            if (!failing) {
                LOG.warn("Cannot read the stored definitions; serving the last ones read ({}): {}", describe(current.get()),
                        e.getMessage());
                failing = true;
            }
        }
    }

    private static List<ProjectionDefinition> read(MongoDefinitions stored, List<String> names) {
        List<ProjectionDefinition> read = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (String name : names) {
            Optional<ProjectionDefinition> definition = stored.live(name);
            definition.ifPresentOrElse(read::add, () -> missing.add(name));
        }
        if (!missing.isEmpty()) {
            throw new IllegalStateException("MongoDB holds no stored definition of " + String.join(", ", missing)
                    + " yet: the bridge stores a projection's definition when it first starts with it (monobridge run), "
                    + "and only then can monobridge serve answer queries on it");
        }
        return List.copyOf(read);
    }

    private static String describe(List<ProjectionDefinition> definitions) {
        return String.join(", ", definitions.stream().map(d -> d.name() + " v" + d.version()).toList());
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
