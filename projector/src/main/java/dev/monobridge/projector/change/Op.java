package dev.monobridge.projector.change;

/**
 * What happened to a source row. Every operation a change-data-capture source can emit has a value
 * here, so that no code path has to guess what an unknown code means.
 */
public enum Op {
    /** A row was inserted. */
    CREATE("c"),
    /** A row was read by a snapshot: it exists, but nothing says when it was last changed. */
    READ("r"),
    /** A row was updated. */
    UPDATE("u"),
    /** A row was deleted. Only its key is guaranteed: with PostgreSQL's default replica identity the
     *  before image holds the primary key and nothing else. */
    DELETE("d"),
    /** A whole table was truncated. The change carries no key. */
    TRUNCATE("t"),
    /**
     * A snapshot finished reading the table (table {@code *}: every table). Rows it did not read that
     * are older than it no longer exist: a snapshot taken again, after a crash or lost offsets, sees no
     * delete for rows deleted in between. Not a Debezium operation: capture adapters derive it from the
     * snapshot's last record. The change carries no key.
     */
    SNAPSHOT_END("s");

    /** The table name a {@link #SNAPSHOT_END} carries when it concerns every table. */
    public static final String ALL_TABLES = "*";

    private final String code;

    Op(String code) {
        this.code = code;
    }

    /** The one-letter code Debezium (and this project's golden cases) use. */
    public String code() {
        return code;
    }

    public static Op fromCode(String code) {
        for (Op op : values()) {
            if (op.code.equals(code)) {
                return op;
            }
        }
        throw new IllegalArgumentException("unknown operation code '" + code + "' (expected one of c, r, u, d, t, s)");
    }

    /** True for the operations after which the row exists. */
    public boolean leavesRow() {
        return this == CREATE || this == READ || this == UPDATE;
    }
}
