package dev.monobridge.connector.drift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.monobridge.connector.demo.DemoPostgres;

/**
 * The drift sampler's bound on the source: every statement made through its data source carries the query
 * timeout, and the source cancels one that runs longer (embedded PostgreSQL), whichever way it was created.
 */
class StatementTimeoutsIT {

    private static final int TIMEOUT_SECONDS = 1;
    /** Far longer than the timeout: a statement that ran to its end would take this long. */
    private static final String SLOW = "select pg_sleep(30)";

    private static DemoPostgres postgres;

    @BeforeAll
    static void startPostgres() {
        postgres = DemoPostgres.startFresh();
    }

    @AfterAll
    static void stopPostgres() {
        postgres.close();
    }

    @Test
    void aPreparedStatementLongerThanTheTimeoutIsCancelledByTheSource() throws SQLException {
        DataSource timed = new StatementTimeouts(postgres.dataSource(), TIMEOUT_SECONDS);
        long started = System.nanoTime();
        try (Connection connection = timed.getConnection(); PreparedStatement statement = connection.prepareStatement(SLOW)) {
            assertThat(statement.getQueryTimeout()).isEqualTo(TIMEOUT_SECONDS);
            assertThatThrownBy(statement::executeQuery).isInstanceOf(SQLException.class).hasMessageContaining("canceling statement");
        }
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void aPlainStatementCarriesItTooAndAQuickOneRunsAsUsual() throws SQLException {
        DataSource timed = new StatementTimeouts(postgres.dataSource(), TIMEOUT_SECONDS);
        try (Connection connection = timed.getConnection()) {
            try (Statement statement = connection.createStatement()) {
                assertThatThrownBy(() -> statement.executeQuery(SLOW)).isInstanceOf(SQLException.class)
                        .hasMessageContaining("canceling statement");
            }
            try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery("select 42")) {
                rs.next();
                assertThat(rs.getInt(1)).isEqualTo(42);
            }
        }
    }
}
