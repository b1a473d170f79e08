package dev.monobridge.connector.config;

import java.util.List;

/** Every key of {@code bridge.yaml}. The README's configuration reference lists exactly these. */
public final class Settings {

    public static final Setting SOURCE_HOST = new Setting("source.host", Setting.Type.TEXT, "localhost",
            "PostgreSQL host.");
    public static final Setting SOURCE_PORT = new Setting("source.port", Setting.Type.PORT, "5432",
            "PostgreSQL port.");
    public static final Setting SOURCE_DATABASE = new Setting("source.database", Setting.Type.TEXT, null,
            "The database to capture.");
    public static final Setting SOURCE_USER = new Setting("source.user", Setting.Type.TEXT, null,
            "A user with the REPLICATION attribute and SELECT on the captured tables.");
    public static final Setting SOURCE_PASSWORD_ENV = new Setting("source.password-env", Setting.Type.TEXT,
            "MONOBRIDGE_SOURCE_PASSWORD",
            "Name of the environment variable holding the password. The password itself never goes in this file.");
    public static final Setting SOURCE_PASSWORD_FILE = new Setting("source.password-file", Setting.Type.TEXT, "",
            "A file holding the password (a mounted secret, say); used when set, instead of the environment variable.");
    public static final Setting SOURCE_SLOT = new Setting("source.slot", Setting.Type.TEXT, "monobridge",
            "Logical replication slot; created if missing.");
    public static final Setting SOURCE_PUBLICATION = new Setting("source.publication", Setting.Type.TEXT, "monobridge",
            "Publication for the captured tables; created if missing (needs table ownership), else create it yourself.");
    public static final Setting SOURCE_PUBLICATION_AUTOCREATE = new Setting("source.publication-autocreate", Setting.Type.TEXT,
            "filtered",
            "'filtered' creates the publication for exactly the captured tables if missing; 'disabled' expects it to exist.");
    public static final Setting SOURCE_SNAPSHOT_MODE = new Setting("source.snapshot-mode", Setting.Type.TEXT, "initial",
            "Debezium snapshot mode: 'initial' snapshots once, then streams; 'no_data' streams only.");
    public static final Setting SOURCE_POLL_INTERVAL_MS = new Setting("source.poll-interval-ms", Setting.Type.POSITIVE_INT, "50",
            "How long the engine waits for more changes before handing over a batch; dominates latency.");
    public static final Setting SOURCE_MAX_BATCH_SIZE = new Setting("source.max-batch-size", Setting.Type.POSITIVE_INT, "2048",
            "Most changes handed to the projector at once; one MongoDB bulk write per projection per batch.");
    public static final Setting MONGO_URI_ENV = new Setting("mongo.uri-env", Setting.Type.TEXT, "MONOBRIDGE_MONGO_URI",
            "Name of the environment variable holding the MongoDB URI, which may contain credentials; used when set.");
    public static final Setting MONGO_URI = new Setting("mongo.uri", Setting.Type.TEXT, "mongodb://localhost:27017",
            "MongoDB URI without credentials, used when the environment variable is not set.");
    public static final Setting MONGO_DATABASE = new Setting("mongo.database", Setting.Type.TEXT, "monobridge",
            "Database for the projection collections, the projector's row states and the dead letters.");
    public static final Setting OFFSETS_FILE = new Setting("offsets.file", Setting.Type.TEXT, "data/offsets.dat",
            "Where the source offsets are kept. They move only past changes MongoDB has acknowledged.");
    public static final Setting OFFSETS_FLUSH_INTERVAL_MS = new Setting("offsets.flush-interval-ms", Setting.Type.NON_NEGATIVE_INT, "1000",
            "How often acknowledged offsets are saved. Lower means fewer changes replayed after a crash; replays are harmless.");
    public static final Setting PROJECTIONS_DIRECTORY = new Setting("projections.directory", Setting.Type.TEXT, "config/projections",
            "Directory of projection definitions, one *.yaml file per projection.");
    public static final Setting PROJECTOR_DELETE_MARKER_GRACE_SECONDS = new Setting("projector.delete-marker-grace-seconds",
            Setting.Type.POSITIVE_INT, "3600",
            "How long a delete marker outlives its delete, guarding against stale changes arriving late.");

    public static final Setting HTTP_PORT = new Setting("http.port", Setting.Type.NON_NEGATIVE_INT, "8080",
            "Port of the query API, admin API, metrics and dashboard (up to 65535); 0 turns the HTTP server off.");
    public static final Setting HTTP_BIND_ADDRESS = new Setting("http.bind-address", Setting.Type.TEXT, "127.0.0.1",
            "Address the HTTP server listens on; the default keeps it to this machine, 0.0.0.0 opens it to every interface.");
    public static final Setting HTTP_TOKENS_FILE = new Setting("http.tokens-file", Setting.Type.TEXT, "",
            "A YAML file (a mounted secret, say) mapping each team to the SHA-256 hex of its token, or to a list of them "
                    + "for rotation; unset, no team can query.");
    public static final Setting HTTP_ADMIN_TOKEN_SHA256_ENV = new Setting("http.admin-token-sha256-env", Setting.Type.TEXT,
            "MONOBRIDGE_ADMIN_TOKEN_SHA256",
            "Name of the environment variable holding the SHA-256 hex of the admin token; unset, the admin endpoints refuse everyone.");
    public static final Setting HTTP_METRICS_TOKEN_SHA256_ENV = new Setting("http.metrics-token-sha256-env", Setting.Type.TEXT,
            "MONOBRIDGE_METRICS_TOKEN_SHA256",
            "Name of the environment variable holding the SHA-256 hex of a token that may read /metrics and nothing else "
                    + "(for Prometheus); optional, the admin token may read /metrics too.");
    public static final Setting HTTP_MAX_PAGE_SIZE = new Setting("http.max-page-size", Setting.Type.POSITIVE_INT, "200",
            "Most documents one list request returns; a larger 'limit' gets 400.");
    public static final Setting HTTP_READY_MAX_SLOT_LAG_MB = new Setting("http.ready-max-slot-lag-mb", Setting.Type.POSITIVE_INT,
            "1024",
            "/ready answers 503 while the replication slot holds more WAL than this many MiB on the source.");

    public static final List<Setting> ALL = List.of(
            SOURCE_HOST, SOURCE_PORT, SOURCE_DATABASE, SOURCE_USER, SOURCE_PASSWORD_ENV, SOURCE_PASSWORD_FILE,
            SOURCE_SLOT, SOURCE_PUBLICATION, SOURCE_PUBLICATION_AUTOCREATE, SOURCE_SNAPSHOT_MODE, SOURCE_POLL_INTERVAL_MS, SOURCE_MAX_BATCH_SIZE,
            MONGO_URI_ENV, MONGO_URI, MONGO_DATABASE,
            OFFSETS_FILE, OFFSETS_FLUSH_INTERVAL_MS,
            PROJECTIONS_DIRECTORY, PROJECTOR_DELETE_MARKER_GRACE_SECONDS,
            HTTP_PORT, HTTP_BIND_ADDRESS, HTTP_TOKENS_FILE, HTTP_ADMIN_TOKEN_SHA256_ENV, HTTP_METRICS_TOKEN_SHA256_ENV,
            HTTP_MAX_PAGE_SIZE, HTTP_READY_MAX_SLOT_LAG_MB);

    private Settings() {
    }
}
