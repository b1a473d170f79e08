package dev.monobridge.capture.source.mariadb;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.monobridge.capture.source.SetupProblem;

/**
 * Everything about a MariaDB source that would stop Debezium's MariaDB connector, decided from what the
 * source says about itself: a binlog, in ROW format with FULL row images, and the privileges the connector
 * uses (REPLICATION SLAVE to read the binlog, BINLOG MONITOR, formerly REPLICATION CLIENT, to read its
 * position, RELOAD for the snapshot's global read lock, SELECT on every captured table). Each problem is
 * one line with the SQL or setting that fixes it. Without these checks the connector says it later,
 * inside a stack trace, or, for a STATEMENT binlog, by capturing nothing.
 */
final class MariaDbSetupChecks {

    static final String ROW = "ROW";
    static final String FULL = "FULL";
    /** The connector's global privileges, each with what it is for. */
    private static final Map<String, String> NEEDED = Map.of(
            "REPLICATION SLAVE", "it cannot read the binlog",
            "BINLOG MONITOR", "it cannot read the binlog's position",
            "RELOAD", "it cannot take the snapshot's global read lock");
    /** In the order a person grants them. */
    private static final List<String> NEEDED_ORDER = List.of("REPLICATION SLAVE", "BINLOG MONITOR", "RELOAD");

    private MariaDbSetupChecks() {
    }

    /** Every problem at once, in the order a person would fix them; captured tables in the given order. */
    static List<SetupProblem> problems(MariaDbSetupFacts facts) {
        List<SetupProblem> problems = new ArrayList<>();
        if (!facts.logBin()) {
            problems.add(new SetupProblem("the binlog is off (log_bin=OFF): capture reads changes from it",
                    "start MariaDB with log_bin, binlog_format=ROW, binlog_row_image=FULL and a server_id"));
        } else {
            if (!ROW.equalsIgnoreCase(facts.binlogFormat())) {
                problems.add(new SetupProblem("binlog_format is " + facts.binlogFormat() + ", not ROW: the binlog holds statements, not the changed rows",
                        "SET GLOBAL binlog_format = 'ROW'; and binlog_format=ROW in the server's configuration, so that it survives a restart"));
            }
            if (!FULL.equalsIgnoreCase(facts.binlogRowImage())) {
                problems.add(new SetupProblem("binlog_row_image is " + facts.binlogRowImage() + ", not FULL: updates and deletes would lack columns",
                        "SET GLOBAL binlog_row_image = 'FULL'; and binlog_row_image=FULL in the server's configuration"));
            }
        }
        for (String privilege : NEEDED_ORDER) {
            if (!facts.privileges().contains(privilege)) {
                problems.add(new SetupProblem("user " + facts.user() + " lacks " + privilege + ": " + NEEDED.get(privilege),
                        "GRANT " + privilege + " ON *.* TO " + facts.user() + ";"));
            }
        }
        facts.readable().forEach((table, readable) -> {
            if (!readable) {
                problems.add(new SetupProblem("user " + facts.user() + " cannot read " + table,
                        "GRANT SELECT ON " + table + " TO " + facts.user() + ";"));
            }
        });
        return problems;
    }
}
