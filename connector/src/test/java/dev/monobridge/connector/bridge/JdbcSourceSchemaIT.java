package dev.monobridge.connector.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.monobridge.projector.definition.SourceSchema.ColumnType;
import dev.monobridge.capture.source.JdbcSourceSchema;

/** The schema read from PostgreSQL knows which columns hold points in time, as retention needs. */
class JdbcSourceSchemaIT {

    private static TestSources sources;
    private static TestDatabase database;

    @BeforeAll
    static void start() throws SQLException {
        sources = new EmbeddedSources();
        database = new TestDatabase(sources, "schema");
        database.execute("create table public.moments (id bigint primary key, label text, at_zone timestamptz, "
                + "at_wall timestamp, on_day date, count integer)");
    }

    @AfterAll
    static void stop() throws SQLException {
        database.close();
        sources.close();
    }

    @Test
    void onlyTimestampsWithAndWithoutZoneArePointsInTime() {
        JdbcSourceSchema schema = new JdbcSourceSchema(database.dataSource());

        assertThat(schema.columns("public.moments")).hasValueSatisfying(columns ->
                assertThat(columns).containsExactly("id", "label", "at_zone", "at_wall", "on_day", "count"));
        assertThat(schema.type("public.moments", "at_zone")).contains(new ColumnType("timestamptz", true));
        assertThat(schema.type("public.moments", "at_wall")).contains(new ColumnType("timestamp", true));
        assertThat(schema.type("public.moments", "label")).contains(new ColumnType("text", false));
        assertThat(schema.type("public.moments", "on_day")).contains(new ColumnType("date", false));
        assertThat(schema.type("public.moments", "count")).contains(new ColumnType("int4", false));
        assertThat(schema.type("public.moments", "missing")).isEmpty();
        assertThat(schema.type("public.nothing", "id")).isEmpty();
    }
}
