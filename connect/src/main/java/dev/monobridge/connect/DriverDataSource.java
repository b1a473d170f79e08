package dev.monobridge.connect;

import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Properties;
import java.util.logging.Logger;

import javax.sql.DataSource;

/**
 * A connection per call, straight from the JDBC driver, for the sink's rare source reads (a rebuild holds
 * one connection while it runs, a repair one for a moment): no pool, so that between rebuilds the source
 * sees no connection of the sink's. The driver is instantiated from the plugin's own class loader rather
 * than looked up through {@code DriverManager}, which a worker may have initialised with other loaders.
 */
final class DriverDataSource implements DataSource {

    private final Driver driver;
    private final String url;
    private final Properties credentials = new Properties();

    DriverDataSource(SinkSettings.SourceConnection connection) {
        this.driver = load(connection.driverClass());
        this.url = connection.url();
        if (connection.user() != null) {
            credentials.setProperty("user", connection.user());
        }
        if (connection.password() != null) {
            credentials.setProperty("password", connection.password());
        }
    }

    private static Driver load(String driverClass) {
        try {
            return (Driver) Class.forName(driverClass, true, DriverDataSource.class.getClassLoader()).getDeclaredConstructor().newInstance();
        } catch (ClassNotFoundException | NoSuchMethodException | InstantiationException | IllegalAccessException
                 | InvocationTargetException e) {
            throw new IllegalStateException("the plugin carries no JDBC driver " + driverClass + ": " + e, e);
        }
    }

    @Override
    public Connection getConnection() throws SQLException {
        Connection connection = driver.connect(url, credentials);
        if (connection == null) {
            // A driver answers null for a URL it does not take; the settings' validator keeps that from happening.
            throw new SQLException("the JDBC driver " + driver.getClass().getName() + " does not take " + SinkSettings.SOURCE_JDBC_URL);
        }
        return connection;
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        Properties given = new Properties();
        given.setProperty("user", username);
        given.setProperty("password", password);
        return driver.connect(url, given);
    }

    @Override
    public PrintWriter getLogWriter() {
        return null;
    }

    @Override
    public void setLogWriter(PrintWriter out) {
        // Nothing is logged through JDBC's log writer: the driver logs through java.util.logging.
    }

    @Override
    public void setLoginTimeout(int seconds) throws SQLException {
        throw new SQLFeatureNotSupportedException("a login timeout goes in " + SinkSettings.SOURCE_JDBC_URL + " (e.g. loginTimeout=10)");
    }

    @Override
    public int getLoginTimeout() {
        return 0;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException("no parent logger");
    }

    @Override
    public <T> T unwrap(Class<T> type) throws SQLException {
        if (type.isInstance(this)) {
            return type.cast(this);
        }
        throw new SQLException("not a wrapper of " + type.getName());
    }

    @Override
    public boolean isWrapperFor(Class<?> type) {
        return type.isInstance(this);
    }
}
