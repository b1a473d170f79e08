package dev.monobridge.connector.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.util.Optional;

import org.bson.BsonDocument;
import org.junit.jupiter.api.Test;
import org.postgresql.util.PSQLException;
import org.postgresql.util.PSQLState;
import org.postgresql.util.ServerErrorMessage;

import com.mongodb.MongoCommandException;
import com.mongodb.MongoCredential;
import com.mongodb.MongoSecurityException;
import com.mongodb.MongoTimeoutException;
import com.mongodb.ServerAddress;
import com.zaxxer.hikari.pool.HikariPool;

/**
 * Connection failures, as the drivers and the pool raise them, become one line that names what was
 * tried and what to check, and never a password. The failures are built as the drivers build them;
 * {@code CannotConnectIT} provokes the real ones.
 */
class ConnectionFailuresTest {

    private static final ConnectionTargets.Source SOURCE = new ConnectionTargets.Source("db.example", 5433, "legacy", "bridge",
            "$MONOBRIDGE_SOURCE_PASSWORD (source.password-env)");
    private static final ConnectionTargets TARGETS = new ConnectionTargets(Optional.of(SOURCE),
            Optional.of(ConnectionTargets.Mongo.of("mongodb://bridge:s3cret@m1.example:27017,m2.example:27017/?replicaSet=rs0",
                    "monobridge", "$MONOBRIDGE_MONGO_URI (mongo.uri-env)")));

    @Test
    void aRefusedSourcePortNamesTheAddressDatabaseAndUser() {
        PSQLException refused = new PSQLException("Connection to db.example:5433 refused.", PSQLState.CONNECTION_UNABLE_TO_CONNECT,
                new ConnectException("Connection refused"));

        assertThat(ConnectionFailures.explain(new HikariPool.PoolInitializationException(refused), TARGETS)).contains(
                "cannot connect to PostgreSQL at db.example:5433, database legacy, user bridge: connection refused; check "
                        + "source.host and source.port, and that PostgreSQL is running and accepts TCP connections there");
    }

    @Test
    void aMariaDbSourceIsNamedAsMariaDbWithWhatToCheckByItsErrorCode() {
        ConnectionTargets mariadb = new ConnectionTargets(Optional.of(new ConnectionTargets.Source("mariadb", "db.example", 3306, "shop",
                "bridge", "$MONOBRIDGE_SOURCE_PASSWORD (source.password-env)")), Optional.empty());
        // As MariaDB's driver raises them: the server's code and SQLSTATE, the server's words in the message.
        java.sql.SQLException denied = new java.sql.SQLInvalidAuthorizationSpecException(
                "(conn=12) Access denied for user 'bridge'@'10.0.0.5' (using password: YES)", "28000", 1045);
        java.sql.SQLException refused = new java.sql.SQLNonTransientConnectionException("Socket fail to connect to db.example:3306",
                "08000", 0, new ConnectException("Connection refused"));

        assertThat(ConnectionFailures.explain(new HikariPool.PoolInitializationException(denied), mariadb)).contains(
                "cannot connect to MariaDB at db.example:3306, database shop, user bridge: (conn=12) Access denied for user"
                        + " 'bridge'@'10.0.0.5' (using password: YES); check source.user and the password in"
                        + " $MONOBRIDGE_SOURCE_PASSWORD (source.password-env)");
        assertThat(ConnectionFailures.explain(new HikariPool.PoolInitializationException(refused), mariadb)).contains(
                "cannot connect to MariaDB at db.example:3306, database shop, user bridge: connection refused; check "
                        + "source.host and source.port, and that MariaDB is running and accepts TCP connections there");
    }

    @Test
    void aWrongSourcePasswordSaysWhereThePasswordCameFrom() {
        PSQLException wrongPassword = server("28P01", "password authentication failed for user \"bridge\"");

        assertThat(ConnectionFailures.explain(new HikariPool.PoolInitializationException(wrongPassword), TARGETS)).contains(
                "cannot connect to PostgreSQL at db.example:5433, database legacy, user bridge: password authentication "
                        + "failed for user \"bridge\"; check the password in $MONOBRIDGE_SOURCE_PASSWORD (source.password-env)");
    }

    @Test
    void anUnknownRoleAndAPgHbaRefusalPointAtDifferentThings() {
        assertThat(ConnectionFailures.explain(server("28000", "role \"brigde\" does not exist"), TARGETS))
                .hasValueSatisfying(line -> assertThat(line).endsWith(
                        ": role \"brigde\" does not exist; check source.user, and that the role exists and may LOGIN"));
        assertThat(ConnectionFailures.explain(server("28000", "no pg_hba.conf entry for host \"10.0.0.5\", user \"bridge\""), TARGETS))
                .hasValueSatisfying(line -> assertThat(line).endsWith(
                        "; allow bridge to connect from this host in the server's pg_hba.conf"));
    }

    @Test
    void anUnknownDatabasePointsAtSourceDatabase() {
        assertThat(ConnectionFailures.explain(server("3D000", "database \"legacy\" does not exist"), TARGETS))
                .hasValueSatisfying(line -> assertThat(line).endsWith(
                        ": database \"legacy\" does not exist; check source.database, and that the database exists on this server"));
    }

    @Test
    void anSqlErrorThatIsNotAboutConnectingIsLeftAlone() {
        PSQLException denied = server("42501", "permission denied for table race");

        assertThat(ConnectionFailures.explain(new IllegalStateException("reading the schema", denied), TARGETS)).isEmpty();
    }

    @Test
    void aMongoServerSelectionTimeoutGivesTheHostsAndTheInnermostReason() {
        MongoTimeoutException timeout = new MongoTimeoutException("Timed out while waiting for a server that matches "
                + "ReadPreferenceServerSelector{readPreference=primary}. Client view of cluster state is {type=UNKNOWN, "
                + "servers=[{address=m1.example:27017, type=UNKNOWN, state=CONNECTING, exception={com.mongodb.MongoSocketOpenException: "
                + "Exception opening socket}, caused by {java.net.ConnectException: Connection refused}}]");

        assertThat(ConnectionFailures.explain(new RuntimeException(new RuntimeException(timeout)), TARGETS)).contains(
                "cannot reach MongoDB at m1.example:27017,m2.example:27017, database monobridge, user bridge: no server answered "
                        + "in time (Connection refused); check the hosts in $MONOBRIDGE_MONGO_URI (mongo.uri-env), and that "
                        + "MongoDB is running there");
    }

    @Test
    void aMongoAuthenticationFailureNamesTheUserAndNeverThePassword() {
        MongoCredential credential = MongoCredential.createScramSha256Credential("bridge", "admin", "s3cret".toCharArray());
        MongoCommandException failed = new MongoCommandException(BsonDocument.parse(
                "{ok: 0, code: 18, codeName: 'AuthenticationFailed', errmsg: 'Authentication failed.'}"), new ServerAddress("m1.example"));
        MongoSecurityException security = new MongoSecurityException(credential, "Exception authenticating " + credential, failed);

        Optional<String> line = ConnectionFailures.explain(security, TARGETS);

        assertThat(line).contains("MongoDB at m1.example:27017,m2.example:27017, database monobridge, user bridge did not accept "
                + "the credentials: Authentication failed.; check the user, password and authSource in "
                + "$MONOBRIDGE_MONGO_URI (mongo.uri-env)");
        assertThat(line.orElseThrow()).doesNotContain("s3cret");
    }

    @Test
    void withoutTargetsTheLineStillSaysWhichServerFailed() {
        assertThat(ConnectionFailures.explain(server("3D000", "database \"x\" does not exist"), ConnectionTargets.NONE))
                .hasValueSatisfying(line -> assertThat(line).startsWith("cannot connect to PostgreSQL: database \"x\" does not exist"));
    }

    private static PSQLException server(String state, String message) {
        return new PSQLException(new ServerErrorMessage("SFATAL\u0000C" + state + "\u0000M" + message + "\u0000"));
    }
}
