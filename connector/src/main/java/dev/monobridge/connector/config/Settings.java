package dev.monobridge.connector.config;

import java.util.List;
import java.util.Set;

import dev.monobridge.capture.source.SourceHeartbeat;
import dev.monobridge.connector.drift.DriftSettings;
import dev.monobridge.projector.mongo.MongoTrailSettings;

/** Every key of {@code bridge.yaml}. The README's configuration reference lists exactly these. */
public final class Settings {

    /** The highest TCP port. */
    static final int MAX_PORT = 65535;
    /**
     * The largest batch the engine may hand over. Debezium queues four batches in memory (see
     * {@code DebeziumProperties}), so the queue's size must stay an {@code int}, and a hundred thousand
     * changes of about a kilobyte each is already more than the default heap wants to hold four times.
     */
    static final int MAX_BATCH_SIZE = 100_000;

    private static final String WHOLE_POSITIVE = "a whole number from 1 to " + Integer.MAX_VALUE;

    /** The source databases the bridge captures from. */
    public static final String POSTGRES = "postgres";
    public static final String MARIADB = "mariadb";
    /** MariaDB's port, the default of {@link #SOURCE_PORT} when the source is MariaDB. */
    public static final int MARIADB_PORT = 3306;

    public static final Setting SOURCE_TYPE = Setting.text("source.type", POSTGRES,
            "The source database: 'postgres' (PostgreSQL, logical decoding) or 'mariadb' (MariaDB, a ROW binlog).")
            .withCheck(Checks.oneOf(Set.of(POSTGRES, MARIADB)));
    public static final Setting SOURCE_HOST = Setting.text("source.host", "localhost",
            "Source database host.").withCheck(Checks.notBlank("name the source database's host"));
    public static final Setting SOURCE_PORT = Setting.integer("source.port", "5432",
            "Source database port; 3306 when source.type is mariadb and this is not set.", 1, MAX_PORT, "a port from 1 to " + MAX_PORT);
    public static final Setting SOURCE_DATABASE = Setting.text("source.database", null,
            "The database to capture.").withCheck(Checks.notBlank("name the database to capture"));
    public static final Setting SOURCE_USER = Setting.text("source.user", null,
            "A user with the REPLICATION attribute and SELECT on the captured tables.")
            .withCheck(Checks.notBlank("name the user the bridge logs in as"));
    public static final Setting SOURCE_PASSWORD_ENV = Setting.text("source.password-env",
            "MONOBRIDGE_SOURCE_PASSWORD",
            "Name of the environment variable holding the password. The password itself never goes in this file.")
            .withCheck(Checks.notBlank("name the environment variable that holds the password"));
    public static final Setting SOURCE_PASSWORD_FILE = Setting.text("source.password-file", "",
            "A file holding the password (a mounted secret, say); used when set, instead of the environment variable.");
    public static final Setting SOURCE_SLOT = Setting.text("source.slot", "monobridge",
            "Logical replication slot; created if missing.").withCheck(Checks.slotName());
    public static final Setting SOURCE_PUBLICATION = Setting.text("source.publication", "monobridge",
            "Publication for the captured tables; created if missing (needs table ownership), else create it yourself.")
            .withCheck(Checks.notBlank("name the publication"));
    public static final Setting SOURCE_PUBLICATION_AUTOCREATE = Setting.text("source.publication-autocreate",
            "filtered",
            "'filtered' creates the publication for exactly the captured tables if missing; 'disabled' expects it to exist.")
            .withCheck(Checks.oneOf(Set.of("filtered", "disabled")));
    public static final Setting SOURCE_SERVER_ID = Setting.integer("source.server-id", "5401",
            "MariaDB only: the replica id capture joins the binlog with; unique among the server's replicas.",
            1, Integer.MAX_VALUE, WHOLE_POSITIVE);
    public static final Setting SOURCE_SNAPSHOT_MODE = Setting.text("source.snapshot-mode", "initial",
            "Debezium snapshot mode: 'initial' snapshots once, then streams; 'no_data' streams only.")
            .withCheck(Checks.oneOf(Set.of("initial", "no_data", "always", "when_needed")));
    public static final Setting SOURCE_POLL_INTERVAL_MS = Setting.integer("source.poll-interval-ms", "50",
            "How long the engine waits for more changes before handing over a batch; dominates latency.",
            1, Integer.MAX_VALUE, WHOLE_POSITIVE);
    public static final Setting SOURCE_MAX_BATCH_SIZE = Setting.integer("source.max-batch-size", "2048",
            "Most changes handed to the projector at once (up to 100,000); one MongoDB bulk write per projection per batch.",
            1, MAX_BATCH_SIZE, "a whole number from 1 to " + MAX_BATCH_SIZE);
    public static final Setting SOURCE_HEARTBEAT_INTERVAL_MS = Setting.integer("source.heartbeat-interval-ms",
            Long.toString(SourceHeartbeat.DEFAULT_INTERVAL.toMillis()),
            "How often capture records its position while the captured tables are idle, so that the source lets go of "
                    + "the log behind it (PostgreSQL: the slot's WAL); 0 for never.",
            0, Integer.MAX_VALUE, "a whole number of milliseconds, or 0 for no heartbeats");
    public static final Setting SOURCE_HEARTBEAT_ACTION_QUERY = Setting.text("source.heartbeat-action-query", "",
            "A statement run on the source at each heartbeat, so that capture has something to read while the captured tables "
                    + "idle; empty for none. When not set: on PostgreSQL it emits a logical decoding message, "
                    + "on MariaDB none.");
    public static final Setting MONGO_URI_ENV = Setting.text("mongo.uri-env", "MONOBRIDGE_MONGO_URI",
            "Name of the environment variable holding the MongoDB URI, which may contain credentials; used when set.")
            .withCheck(Checks.notBlank("name the environment variable that may hold the MongoDB URI"));
    public static final Setting MONGO_URI = Setting.text("mongo.uri", "mongodb://localhost:27017",
            "MongoDB URI without credentials, used when the environment variable is not set.")
            .withCheck(Checks.mongoUriWithoutPassword(
                    "put the URI in the environment variable named by 'mongo.uri-env' instead"));
    public static final Setting MONGO_DATABASE = Setting.text("mongo.database", "monobridge",
            "Database for the projection collections, the projector's row states and the dead letters.")
            .withCheck(Checks.notBlank("name the MongoDB database"));
    public static final Setting OFFSETS_FILE = Setting.text("offsets.file", "data/offsets.dat",
            "Where the source offsets are kept. They move only past changes MongoDB has acknowledged.")
            .withCheck(Checks.notBlank("name the file that keeps the source offsets"));
    public static final Setting OFFSETS_FLUSH_INTERVAL_MS = Setting.integer("offsets.flush-interval-ms", "1000",
            "How often acknowledged offsets are saved. Lower means fewer changes replayed after a crash; replays are harmless.",
            0, Integer.MAX_VALUE, "a whole number from 0 to " + Integer.MAX_VALUE);
    public static final Setting PROJECTIONS_DIRECTORY = Setting.text("projections.directory", "projections",
            "Directory of projection definitions, one *.yaml file per projection; by default the folder 'projections' beside this file.")
            .withCheck(Checks.notBlank("name the directory of projection definitions"));
    public static final Setting PROJECTOR_DELETE_MARKER_GRACE_SECONDS = Setting.integer(
            "projector.delete-marker-grace-seconds", "3600",
            "How long a delete marker outlives its delete, guarding against stale changes arriving late.",
            1, Integer.MAX_VALUE, WHOLE_POSITIVE);

    /**
     * The longest trail: an entry is some 250 bytes (docs/trace.md), so a thousand make a trail of a quarter of
     * a MB, already far more than "the last changes" needs; longer would make the trails the large
     * documents this project exists to avoid.
     */
    static final int MAX_TRACE_PER_DOCUMENT = 1_000;

    public static final Setting TRACE_PER_DOCUMENT = Setting.integer("trace.per-document",
            Integer.toString(MongoTrailSettings.DEFAULT_PER_DOCUMENT),
            "How many recent changes `monobridge trace` keeps per document and per source row (up to 1,000); 0 turns the trail off.",
            0, MAX_TRACE_PER_DOCUMENT, "a whole number from 0 (off) to " + MAX_TRACE_PER_DOCUMENT);
    public static final Setting TRACE_KEEP_HOURS = Setting.integer("trace.keep-hours",
            Long.toString(MongoTrailSettings.DEFAULT_KEEP.toHours()),
            "How long a trail outlives the last change to its document or row; then it goes (a TTL index and the bridge's sweep).",
            1, Integer.MAX_VALUE, WHOLE_POSITIVE);
    public static final Setting TRACE_MAX_TRAILS = Setting.integer("trace.max-trails",
            Long.toString(MongoTrailSettings.DEFAULT_MAX_TRAILS),
            "Most trails kept in all, one per document and one per row; beyond it the least recently changed go, once a minute.",
            1, Integer.MAX_VALUE, WHOLE_POSITIVE);

    public static final Setting HTTP_PORT = Setting.integer("http.port", "8080",
            "Port of the query API, admin API, metrics and dashboard (up to 65535); 0 turns the HTTP server off.",
            0, MAX_PORT, "a port from 1 to " + MAX_PORT + ", or 0 to turn the HTTP server off");
    public static final Setting HTTP_BIND_ADDRESS = Setting.text("http.bind-address", "127.0.0.1",
            "Address the HTTP server listens on; the default keeps it to this machine, 0.0.0.0 opens it to every interface.")
            .withCheck(Checks.notBlank("name the address to listen on (0.0.0.0 for every interface)"));
    public static final Setting HTTP_TOKENS_FILE = Setting.text("http.tokens-file", "",
            "A YAML file (a mounted secret, say) mapping each team to the SHA-256 hex of its token, or to a list of them "
                    + "for rotation; unset, no team can query.");
    public static final Setting HTTP_ADMIN_TOKEN_SHA256_ENV = Setting.text("http.admin-token-sha256-env",
            "MONOBRIDGE_ADMIN_TOKEN_SHA256",
            "Name of the environment variable holding the SHA-256 hex of the admin token; unset, the admin endpoints refuse everyone.")
            .withCheck(Checks.notBlank("name the environment variable that holds the admin token's hash"));
    public static final Setting HTTP_METRICS_TOKEN_SHA256_ENV = Setting.text("http.metrics-token-sha256-env",
            "MONOBRIDGE_METRICS_TOKEN_SHA256",
            "Name of the environment variable holding the SHA-256 hex of a token that may read /metrics and nothing else "
                    + "(for Prometheus); optional, the admin token may read /metrics too.")
            .withCheck(Checks.notBlank("name the environment variable that holds the metrics token's hash"));
    public static final Setting HTTP_MAX_PAGE_SIZE = Setting.integer("http.max-page-size", "200",
            "Most documents one list request returns; a larger 'limit' gets 400.",
            1, Integer.MAX_VALUE, WHOLE_POSITIVE);
    public static final Setting HTTP_READY_MAX_SOURCE_LAG_MB = Setting.integer("http.ready-max-source-lag-mb", "1024",
            "/ready answers 503 while the source keeps more log than this many MiB for capture (PostgreSQL: WAL the replication slot holds; MariaDB: binlog beyond what was applied).",
            1, Integer.MAX_VALUE, WHOLE_POSITIVE);

    /** Rounds closer than this would keep the sampler's source connection busy all the time. */
    static final int MIN_DRIFT_INTERVAL_MS = 100;
    /** The most documents a drift round may check: each costs one source statement per level of the document. */
    static final int MAX_DRIFT_DOCUMENTS = 10_000;
    /** A statement the sampler waits longer for than an hour is one it should not have sent. */
    static final int MAX_DRIFT_STATEMENT_SECONDS = 3600;
    /** Records of drifted documents kept: enough to read what happened, never a history. */
    static final int MAX_DRIFT_RECORDS = 100_000;

    public static final Setting DRIFT_INTERVAL_MS = Setting.integer("drift.interval-ms",
            Long.toString(DriftSettings.DEFAULT_INTERVAL.toMillis()),
            "How often the drift sampler checks a few documents against the source (docs/drift-sampler.md), at least 100; 0 turns it off.",
            0, Integer.MAX_VALUE, "a whole number of milliseconds, or 0 to turn the drift sampler off")
            .withCheck(Checks.zeroOrAtLeast(MIN_DRIFT_INTERVAL_MS,
                    "0 to turn the drift sampler off, or at least " + MIN_DRIFT_INTERVAL_MS + " ms between rounds"));
    public static final Setting DRIFT_DOCUMENTS_PER_INTERVAL = Setting.integer("drift.documents-per-interval",
            Integer.toString(DriftSettings.DEFAULT_DOCUMENTS_PER_INTERVAL),
            "Documents checked per interval, all projections together; each reads its rows from the source, one statement per level.",
            1, MAX_DRIFT_DOCUMENTS, "a whole number from 1 to " + MAX_DRIFT_DOCUMENTS);
    public static final Setting DRIFT_STATEMENT_TIMEOUT_SECONDS = Setting.integer("drift.statement-timeout-seconds",
            Long.toString(DriftSettings.DEFAULT_STATEMENT_TIMEOUT.toSeconds()),
            "The longest one source statement of the drift sampler may run before the source cancels it; it uses one connection of its own.",
            1, MAX_DRIFT_STATEMENT_SECONDS, "a whole number of seconds from 1 to " + MAX_DRIFT_STATEMENT_SECONDS);
    public static final Setting DRIFT_REPAIR = Setting.text("drift.repair", "false",
            "'true' rewrites each drifted document through the single-document repair (as 'rebuild --key'); 'false' only reports it.")
            .withCheck(Checks.oneOf(Set.of("true", "false")));
    public static final Setting DRIFT_RECORDS_KEPT = Setting.integer("drift.records-kept",
            Integer.toString(DriftSettings.DEFAULT_RECORDS_KEPT),
            "Drifted documents recorded with their differences in monobridge_drift, the newest kept.",
            1, MAX_DRIFT_RECORDS, "a whole number from 1 to " + MAX_DRIFT_RECORDS);

    public static final List<Setting> ALL = List.of(
            SOURCE_TYPE, SOURCE_HOST, SOURCE_PORT, SOURCE_DATABASE, SOURCE_USER, SOURCE_PASSWORD_ENV, SOURCE_PASSWORD_FILE,
            SOURCE_SLOT, SOURCE_PUBLICATION, SOURCE_PUBLICATION_AUTOCREATE, SOURCE_SERVER_ID, SOURCE_SNAPSHOT_MODE, SOURCE_POLL_INTERVAL_MS, SOURCE_MAX_BATCH_SIZE,
            SOURCE_HEARTBEAT_INTERVAL_MS, SOURCE_HEARTBEAT_ACTION_QUERY,
            MONGO_URI_ENV, MONGO_URI, MONGO_DATABASE,
            OFFSETS_FILE, OFFSETS_FLUSH_INTERVAL_MS,
            PROJECTIONS_DIRECTORY, PROJECTOR_DELETE_MARKER_GRACE_SECONDS,
            TRACE_PER_DOCUMENT, TRACE_KEEP_HOURS, TRACE_MAX_TRAILS,
            HTTP_PORT, HTTP_BIND_ADDRESS, HTTP_TOKENS_FILE, HTTP_ADMIN_TOKEN_SHA256_ENV, HTTP_METRICS_TOKEN_SHA256_ENV,
            HTTP_MAX_PAGE_SIZE, HTTP_READY_MAX_SOURCE_LAG_MB,
            DRIFT_INTERVAL_MS, DRIFT_DOCUMENTS_PER_INTERVAL, DRIFT_STATEMENT_TIMEOUT_SECONDS, DRIFT_REPAIR, DRIFT_RECORDS_KEPT);

    private Settings() {
    }
}
