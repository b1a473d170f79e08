package dev.monobridge.connector.bridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;

import org.bson.BsonDocument;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;


import dev.monobridge.projector.definition.ProjectionDefinition;

/**
 * The type mapping, as a specification: each PostgreSQL type a legacy schema has, and the document value
 * it becomes (MongoDB extended JSON below). The same value must come out of all three paths that read
 * source rows: Debezium's snapshot, Debezium's stream, and a rebuild's JDBC snapshot.
 */
class TypeMappingIT {

    private static final String COLUMNS = "i2 smallint, i4 integer, i8 bigint, n numeric(10,2), nn numeric, r real,"
            + " f float8, b boolean, t text, vc varchar(10), c char(3), u uuid, bin bytea, ts timestamp, tstz timestamptz,"
            + " d date, tm time, ttz timetz, iv interval, m money, j jsonb, js json, ia integer[], ta text[], e mood,"
            + " ip inet, bt bit(3), h hstore, x xml";

    /** Ordinary values of every type. */
    private static final String ORDINARY = "32767, -2147483648, 9223372036854775807, 2.50, 'NaN', 1.5, 'Infinity', true,"
            + " 'héllo', 'abc', 'ab', 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11', '\\x0102ff', '2026-12-26 10:00:00.123456',"
            + " '2026-12-26 10:00:00.123456+02', '2026-12-26', '13:14:15.123456', '13:14:15+02',"
            + " '1 year 2 mons 3 days 04:05:06.789', 12.34, '{\"a\": [1, 2.5]}', '{\"b\": true}', '{1,NULL,3}', '{x,y}',"
            + " 'happy', '192.168.0.1/24', B'110', 'a=>1,b=>NULL', '<a>1</a>'";
    private static final String ORDINARY_DOCUMENT = """
            {"i2": 32767, "i4": -2147483648, "i8": 9223372036854775807, "n": {"$numberDecimal": "2.50"},
             "nn": {"$numberDecimal": "NaN"}, "r": 1.5, "f": {"$numberDouble": "Infinity"}, "b": true, "t": "héllo",
             "vc": "abc", "c": "ab ", "u": "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11",
             "bin": {"$binary": {"base64": "AQL/", "subType": "00"}}, "ts": {"$date": "2026-12-26T10:00:00.123Z"},
             "tstz": {"$date": "2026-12-26T08:00:00.123Z"}, "d": "2026-12-26", "tm": 47655123456, "ttz": "11:14:15Z",
             "iv": "P1Y2M3DT4H5M6.789S", "m": {"$numberDecimal": "12.34"}, "j": {"a": [1, {"$numberDecimal": "2.5"}]},
             "js": {"b": true}, "ia": [1, null, 3], "ta": ["x", "y"], "e": "happy", "ip": "192.168.0.1/24",
             "bt": {"$binary": {"base64": "Bg==", "subType": "00"}}, "h": {"a": "1", "b": null}, "x": "<a>1</a>"}
            """;

    /** The edges: infinities, NaN, negative intervals, the end of the day, zero bits, nulls. */
    private static final String EDGES = "-32768, 0, -1, 0.00, '-Infinity', '-Infinity', 'NaN', false, '', '', '', null, '',"
            + " 'infinity', '-infinity', 'infinity', '24:00:00', '00:00:00.5-05:30', '-1 days -00:00:01.5', -1, '[]', 'null',"
            + " '{}', '{}', 'sad', '::1', B'000', '', null";
    private static final String EDGES_DOCUMENT = """
            {"i2": -32768, "i4": 0, "i8": -1, "n": {"$numberDecimal": "0.00"}, "nn": {"$numberDecimal": "-Infinity"},
             "r": {"$numberDouble": "-Infinity"}, "f": {"$numberDouble": "NaN"}, "b": false, "t": "", "vc": "", "c": "   ",
             "u": null, "bin": {"$binary": {"base64": "", "subType": "00"}},
             "ts": {"$date": {"$numberLong": "8640000000000000"}}, "tstz": {"$date": {"$numberLong": "-8640000000000000"}},
             "d": "infinity", "tm": 86400000000, "ttz": "05:30:00.5Z", "iv": "P0Y0M-1DT0H0M-1.5S",
             "m": {"$numberDecimal": "-1.00"}, "j": [], "js": null, "ia": [], "ta": [], "e": "sad", "ip": "::1",
             "bt": {"$binary": {"base64": "", "subType": "00"}}, "h": {}, "x": null}
            """;

    /** The other infinities, each of which Debezium sends differently from its opposite. */
    private static final String OPPOSITE_COLUMNS = "ts, tstz, d";
    private static final String OPPOSITE_INFINITIES = "'-infinity', 'infinity', '-infinity'";
    private static final String OPPOSITE_DOCUMENT = """
            {"i2": null, "i4": null, "i8": null, "n": null, "nn": null, "r": null, "f": null, "b": null, "t": null,
             "vc": null, "c": null, "u": null, "bin": null, "ts": {"$date": {"$numberLong": "-8640000000000000"}},
             "tstz": {"$date": {"$numberLong": "8640000000000000"}}, "d": "-infinity", "tm": null, "ttz": null,
             "iv": null, "m": null, "j": null, "js": null, "ia": null, "ta": null, "e": null, "ip": null, "bt": null,
             "h": null, "x": null}
            """;

    private static TestSources sources;

    @TempDir
    Path work;

    private TestDatabase database;
    private Bridge bridge;

    @BeforeAll
    static void startServers() {
        sources = new EmbeddedSources();
    }

    @AfterAll
    static void stopServers() {
        sources.close();
    }

    @AfterEach
    void close() throws SQLException {
        if (bridge != null) {
            bridge.close();
        }
        database.close();
    }

    @Test
    void everyTypeGivesTheSameDocumentValueFromTheSnapshotTheStreamAndARebuild() throws Exception {
        database = new TestDatabase(sources, "it_types_");
        database.execute("create extension if not exists hstore", "create type mood as enum ('sad', 'happy')",
                "create table typed (id bigint primary key, " + COLUMNS + ")",
                "insert into typed values (1, " + ORDINARY + "), (3, " + EDGES + ")",
                "insert into typed (id, " + OPPOSITE_COLUMNS + ") values (5, " + OPPOSITE_INFINITIES + ")");
        List<ProjectionDefinition> projections = typedProjection();
        bridge = Bridge.start(new BridgeOptions(database.source(projections), sources.mongoUri(), database.name(),
                work.resolve("offsets.dat"), Duration.ofMillis(100), projections, Duration.ofHours(1)));
        // Streamed: the same values, as new rows.
        database.execute("insert into typed values (2, " + ORDINARY + "), (4, " + EDGES + ")",
                "insert into typed (id, " + OPPOSITE_COLUMNS + ") values (6, " + OPPOSITE_INFINITIES + ")");
        await().atMost(Duration.ofSeconds(60)).until(() -> content(2) != null && content(4) != null && content(6) != null);

        assertPaths("from the snapshot and the stream");
        // The snapshot and the stream declare every column with the same type: no spurious retype warning.
        assertThat(bridge.stats().conditions().reasons()).isEmpty();
        TypedTable.rebuild(bridge);
        assertPaths("after a rebuild from JDBC");
        assertThat(TypedTable.deadLetters(bridge)).isZero();
    }

    private void assertPaths(String when) {
        TypedTable.assertDocuments(bridge, when, "ordinary values", ORDINARY_DOCUMENT, "edge values", EDGES_DOCUMENT,
                "opposite infinities", OPPOSITE_DOCUMENT);
    }

    private List<ProjectionDefinition> typedProjection() throws java.io.IOException {
        return TypedTable.projection(work, COLUMNS);
    }

    private BsonDocument content(long id) {
        return TypedTable.content(bridge, id);
    }
}
