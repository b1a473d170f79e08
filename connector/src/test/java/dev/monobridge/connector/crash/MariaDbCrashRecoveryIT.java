package dev.monobridge.connector.crash;

import java.util.List;

import dev.monobridge.connector.demo.DemoMariaDb;

/**
 * {@link CrashRecoveryIT} on MariaDB: the bridge killed with SIGKILL at random moments under a live
 * workload (the first kill in the initial snapshot), restarted each time from its offsets and schema
 * history files, converges to the oracle with nothing lost.
 */
class MariaDbCrashRecoveryIT extends CrashRecoveryIT {

    @Override
    SourceServer startSource() {
        DemoMariaDb mariadb = DemoMariaDb.startFresh();
        return new SourceServer(mariadb, mariadb.dataSource(), mariadb.password(), List.of(
                "  type: mariadb",
                "  host: " + mariadb.host(),
                "  port: " + mariadb.port(),
                "  database: " + mariadb.database(),
                "  user: " + mariadb.user(),
                "  server-id: 5401"));
    }
}
