package dev.monobridge.connector.demo;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Locale;

/**
 * The few places where the demo's SQL differs between PostgreSQL and MariaDB: the schema script, id
 * sequences, the clock, and how timestamps are passed. Statements that differ more than a fragment
 * (updates joining another table, array inserts) are written out per source where they are used.
 */
public enum SqlDialect {

    POSTGRES("/demo/schema.sql"),
    MARIADB("/demo/schema-mariadb.sql");

    private final String schemaResource;

    SqlDialect(String schemaResource) {
        this.schemaResource = schemaResource;
    }

    /** The dialect of the database the connection is to, from what its driver says. */
    public static SqlDialect of(Connection connection) throws SQLException {
        String product = connection.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT);
        if (product.contains("postgres")) {
            return POSTGRES;
        }
        if (product.contains("mariadb") || product.contains("mysql")) {
            return MARIADB;
        }
        throw new IllegalArgumentException("the demo runs on PostgreSQL or MariaDB, not " + product);
    }

    String schemaResource() {
        return schemaResource;
    }

    /** The next value of an id sequence, as an expression. */
    String nextval(String sequence) {
        return this == POSTGRES ? "nextval('" + sequence + "')" : "nextval(" + sequence + ")";
    }

    /** Sets the sequence so that its next value is {@code next}. */
    String restartSequence(String sequence, long next) {
        return this == POSTGRES ? "select setval('" + sequence + "', " + next + ", false)"
                : "select setval(" + sequence + ", " + next + ", 0)";
    }

    /** The database's clock, read as an {@link OffsetDateTime} in UTC by {@link #readNow}. */
    String now() {
        // MariaDB's now() has whole seconds; the schema's DATETIME(3) keeps milliseconds.
        return this == POSTGRES ? "select now()" : "select now(3)";
    }

    OffsetDateTime readNow(java.sql.ResultSet rs) throws SQLException {
        // MariaDB's DATETIME has no zone: its server runs in UTC (DemoMariaDb), as Debezium reads it.
        return this == POSTGRES ? rs.getObject(1, OffsetDateTime.class).withOffsetSameInstant(ZoneOffset.UTC)
                : rs.getObject(1, LocalDateTime.class).atOffset(ZoneOffset.UTC);
    }

    /** A parameter as this database's driver takes it: MariaDB's DATETIME takes UTC wall-clock time. */
    Object parameter(Object value) {
        if (this == MARIADB && value instanceof OffsetDateTime time) {
            return time.withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime();
        }
        return value;
    }

    /** The clock, truncated to the minute, plus a number of minutes given as the next parameter. */
    String minuteFromNowPlusParameter() {
        return this == POSTGRES ? "date_trunc('minute', now()) + make_interval(mins => ?)"
                : "cast(date_format(now(), '%Y-%m-%d %H:%i:00') as datetime(3)) + interval ? minute";
    }

    /** {@code column} differs from the next parameter, nulls included. */
    String isDistinctFromParameter(String column) {
        return this == POSTGRES ? column + " is distinct from ?" : "not (" + column + " <=> ?)";
    }

    /** A key to shuffle rows by that a salt (the next parameter) decides: md5 of the id and the salt. */
    String saltedOrder(String id) {
        return this == POSTGRES ? "md5(" + id + "::text || ?::text)" : "md5(concat(" + id + ", ?))";
    }

    /** A number from 0 to 1 given as the next parameter, scaled to the id range: for picking a random row. */
    String pointInIdRange(String table) {
        return this == POSTGRES ? "(select min(id) + floor((max(id) - min(id) + 1) * ?::float8)::bigint from " + table + ")"
                : "(select min(id) + floor((max(id) - min(id) + 1) * ?) from " + table + ")";
    }

    /**
     * Whether a delete's cascade to child rows reaches the change log. MariaDB's InnoDB applies foreign
     * key cascades inside the storage engine and writes no row events for them to the binlog, so the
     * workload deletes the children itself there, as an application on MariaDB must for capture to see them.
     */
    boolean logsCascadedDeletes() {
        return this == POSTGRES;
    }
}
