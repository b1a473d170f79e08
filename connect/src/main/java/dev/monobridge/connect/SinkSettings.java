package dev.monobridge.connect;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import javax.sql.DataSource;

import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;

import com.mongodb.ConnectionString;

import dev.monobridge.capture.source.SourceEvents;
import dev.monobridge.capture.source.postgres.PostgresAdapter;
import dev.monobridge.capture.source.postgres.PostgresEvents;
import dev.monobridge.projector.rebuild.SourceSnapshots;

/**
 * The sink connector's own settings, each validated by Kafka's {@link ConfigDef} with the problem
 * named. Connect's own keys ({@code topics.regex}, {@code tasks.max}, {@code errors.*}) are the
 * framework's; the projection definitions are checked beyond their type by {@link ProjectionsSetting}.
 */
final class SinkSettings extends AbstractConfig {

    static final String MONGODB_URI = "mongodb.uri";
    static final String MONGODB_DATABASE = "mongodb.database";
    static final String PROJECTIONS_DIRECTORY = "projections.dir";
    static final String PROJECTIONS_YAML = "projections.yaml";
    static final String SOURCE_TYPE = "source.type";
    static final String DELETE_MARKER_GRACE_SECONDS = "projector.delete-marker-grace-seconds";
    static final String SOURCE_JDBC_URL = "source.jdbc.url";
    static final String SOURCE_JDBC_USER = "source.jdbc.user";
    static final String SOURCE_JDBC_PASSWORD = "source.jdbc.password";
    static final String TOPIC_PARTITIONS = "topic.partitions";

    /** The JDBC URL's start for each source type: a rebuild's snapshot must read the database the topics come from. */
    private static final String POSTGRES_JDBC_PREFIX = "jdbc:postgresql:";
    private static final String POSTGRES_DRIVER = "org.postgresql.Driver";

    /** The source databases whose Debezium events the sink reads; the MariaDB adapter will add its own. */
    static final String POSTGRES = "postgres";

    /** As the embedded bridge's {@code projector.delete-marker-grace-seconds}: an hour outlives any redelivery. */
    private static final long DEFAULT_DELETE_MARKER_GRACE_SECONDS = 3600;

    /**
     * MongoDB refuses database names with these characters, or longer than 63 bytes; said here so that
     * a typo is named at validation instead of failing the task's first write.
     */
    private static final String DATABASE_NAME_FORBIDDEN = "/\\. \"$";
    private static final int DATABASE_NAME_MAX_BYTES = 63;

    static final ConfigDef DEFINITION = new ConfigDef()
            .define(MONGODB_URI, Type.PASSWORD, ConfigDef.NO_DEFAULT_VALUE, SinkSettings::checkUri, Importance.HIGH,
                    "The MongoDB connection string (mongodb:// or mongodb+srv://). A password: masked in REST output; "
                            + "config providers such as ${file:...} work.")
            .define(MONGODB_DATABASE, Type.STRING, ConfigDef.NO_DEFAULT_VALUE, SinkSettings::checkDatabase, Importance.HIGH,
                    "The MongoDB database that holds the projection collections, the row states and the dead letters.")
            .define(PROJECTIONS_DIRECTORY, Type.STRING, null, Importance.HIGH,
                    "A directory of projection definitions (*.yaml) on every worker. Give this or "
                            + PROJECTIONS_YAML + ", not both.")
            .define(PROJECTIONS_YAML, Type.STRING, null, Importance.HIGH,
                    "One projection definition, inline as YAML. Give this or " + PROJECTIONS_DIRECTORY + ", not both.")
            .define(SOURCE_TYPE, Type.STRING, POSTGRES, ConfigDef.ValidString.in(POSTGRES), Importance.MEDIUM,
                    "The database Debezium captures, which decides how its events' tables, positions and values are read.")
            .define(DELETE_MARKER_GRACE_SECONDS, Type.LONG, DEFAULT_DELETE_MARKER_GRACE_SECONDS, ConfigDef.Range.atLeast(1),
                    Importance.LOW, "How long a deleted row's marker outlives its delete, so that an older change of the row "
                            + "delivered again is still recognised as stale.")
            .define(SOURCE_JDBC_URL, Type.STRING, null, SinkSettings::checkJdbcUrl, Importance.MEDIUM,
                    "The source database, for rebuilds and repairs only (monobridge rebuild): they read it in one consistent "
                            + "snapshot, while the changes keep coming through Kafka. Unset, the sink refuses them with this reason.")
            .define(SOURCE_JDBC_USER, Type.STRING, null, Importance.MEDIUM,
                    "The user rebuilds read the source as; read access to the projected tables is enough.")
            .define(SOURCE_JDBC_PASSWORD, Type.PASSWORD, null, Importance.MEDIUM,
                    "That user's password. A password: masked in REST output; config providers such as ${env:...} work.")
            .define(TOPIC_PARTITIONS, Type.INT, 1, ConfigDef.Range.atLeast(1), Importance.MEDIUM,
                    "The partition count of every source topic. Above 1, the topics must be co-partitioned by the projections'"
                            + " root keys (Debezium's PartitionRouting with partition.topic.num equal to this; see monobridge"
                            + " connect-config), the sink keeps its state per partition, and tasks.max may be above 1."
                            + " Changing it starts the sink with empty state.");

    SinkSettings(Map<?, ?> properties) {
        super(DEFINITION, properties);
    }

    String mongoUri() {
        return getPassword(MONGODB_URI).value();
    }

    String mongoDatabase() {
        return getString(MONGODB_DATABASE);
    }

    int topicPartitions() {
        return getInt(TOPIC_PARTITIONS);
    }

    Duration deleteMarkerGrace() {
        return Duration.ofSeconds(getLong(DELETE_MARKER_GRACE_SECONDS));
    }

    /** Where rebuilds and repairs read the source, or empty when the sink has no connection to it. */
    Optional<SourceConnection> sourceConnection() {
        String url = getString(SOURCE_JDBC_URL);
        if (url == null) {
            return Optional.empty();
        }
        Password password = getPassword(SOURCE_JDBC_PASSWORD);
        // Only PostgreSQL passes the ConfigDef's validators today: its driver, and its adapter's snapshots.
        return Optional.of(new SourceConnection(url, getString(SOURCE_JDBC_USER), password == null ? null : password.value(),
                POSTGRES_DRIVER, PostgresAdapter::snapshotsThrough));
    }

    /** How this source's events are read: all of the source adapter a sink needs, with no connection to it. */
    SourceEvents events() {
        // Only PostgreSQL passes the ConfigDef's validator today.
        return new PostgresEvents();
    }

    private static void checkUri(String name, Object value) {
        if (value == null) {
            return;
        }
        String uri = ((Password) value).value();
        if (uri.isBlank()) {
            throw new ConfigException(name + " must not be empty");
        }
        try {
            new ConnectionString(uri);
        } catch (IllegalArgumentException e) {
            // Never the value itself: it holds a password. The driver's message names the part that is wrong.
            throw new ConfigException(name + " is not a MongoDB connection string: " + e.getMessage().replace(uri, "<the uri>"));
        }
    }

    private static void checkJdbcUrl(String name, Object value) {
        if (value == null) {
            return;
        }
        String url = (String) value;
        if (!url.startsWith(POSTGRES_JDBC_PREFIX) || url.length() == POSTGRES_JDBC_PREFIX.length()) {
            // Never the value itself: a JDBC URL may carry a password.
            throw new ConfigException(name + " must be a PostgreSQL JDBC URL (" + POSTGRES_JDBC_PREFIX
                    + "//host:5432/database), the database the " + SOURCE_TYPE + " '" + POSTGRES + "' topics come from");
        }
    }

    /**
     * The sink's own connection to the source, for rebuilds and repairs.
     *
     * @param user        {@code null} when the URL names it
     * @param password    {@code null} when the URL or the server needs none
     * @param driverClass the JDBC driver the plugin carries for this source
     * @param snapshots   the source adapter's consistent snapshots, through a data source of this connection
     */
    record SourceConnection(String url, String user, String password, String driverClass,
                            Function<DataSource, SourceSnapshots> snapshots) {

        @Override
        public String toString() {
            return "SourceConnection[" + user + "]";
        }
    }

    private static void checkDatabase(String name, Object value) {
        if (value == null) {
            return;
        }
        String database = (String) value;
        if (database.isBlank()) {
            throw new ConfigException(name, value, "must not be empty");
        }
        for (char c : DATABASE_NAME_FORBIDDEN.toCharArray()) {
            if (database.indexOf(c) >= 0) {
                throw new ConfigException(name, value, "MongoDB database names cannot contain '" + c + "'");
            }
        }
        if (database.getBytes(StandardCharsets.UTF_8).length > DATABASE_NAME_MAX_BYTES) {
            throw new ConfigException(name, value, "MongoDB database names have at most " + DATABASE_NAME_MAX_BYTES + " bytes");
        }
    }
}
