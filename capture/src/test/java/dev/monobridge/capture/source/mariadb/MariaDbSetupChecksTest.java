package dev.monobridge.capture.source.mariadb;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.monobridge.capture.source.SetupProblem;

class MariaDbSetupChecksTest {

    private static final Set<String> ENOUGH = Set.of("REPLICATION SLAVE", "BINLOG MONITOR", "RELOAD", "SELECT");

    @Test
    void aRowBinlogWithFullImagesAndTheConnectorsPrivilegesHasNoProblem() {
        assertThat(MariaDbSetupChecks.problems(facts(true, "ROW", "FULL", ENOUGH, Map.of("shop.orders", true)))).isEmpty();
    }

    @Test
    void aStatementBinlogIsOneLineSayingSo() {
        assertThat(MariaDbSetupChecks.problems(facts(true, "STATEMENT", "FULL", ENOUGH, Map.of())))
                .extracting(SetupProblem::toString).containsExactly("binlog_format is STATEMENT, not ROW: the binlog holds statements,"
                        + " not the changed rows: SET GLOBAL binlog_format = 'ROW'; and binlog_format=ROW in the server's configuration,"
                        + " so that it survives a restart");
    }

    @Test
    void aBinlogThatIsOffIsOneProblemWhateverItsFormat() {
        assertThat(MariaDbSetupChecks.problems(facts(false, "MIXED", "MINIMAL", ENOUGH, Map.of())))
                .extracting(SetupProblem::what).containsExactly("the binlog is off (log_bin=OFF): capture reads changes from it");
    }

    @Test
    void eachMissingPrivilegeAndUnreadableTableIsItsOwnLineWithItsGrant() {
        assertThat(MariaDbSetupChecks.problems(facts(true, "ROW", "FULL", Set.of("SELECT"), Map.of("shop.orders", false))))
                .extracting(SetupProblem::fix).containsExactly("GRANT REPLICATION SLAVE ON *.* TO 'bridge'@'%';",
                        "GRANT BINLOG MONITOR ON *.* TO 'bridge'@'%';", "GRANT RELOAD ON *.* TO 'bridge'@'%';",
                        "GRANT SELECT ON shop.orders TO 'bridge'@'%';");
    }

    private static MariaDbSetupFacts facts(boolean logBin, String format, String rowImage, Set<String> privileges,
                                           Map<String, Boolean> readable) {
        return new MariaDbSetupFacts("'bridge'@'%'", logBin, format, rowImage, privileges, readable);
    }
}
