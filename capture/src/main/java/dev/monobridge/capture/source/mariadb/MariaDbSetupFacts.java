package dev.monobridge.capture.source.mariadb;

import java.util.Map;
import java.util.Set;

/**
 * What a MariaDB source says about itself that decides whether capture can start: its binlog settings,
 * the user's global privileges, and, per captured table that exists, whether the user can read it.
 *
 * @param user the user as the server knows it, {@code 'name'@'host'}
 * @param privileges the user's global privileges, upper case ({@code REPLICATION SLAVE}, {@code BINLOG MONITOR}...)
 * @param readable per captured table that exists: whether the user can read it
 */
record MariaDbSetupFacts(String user, boolean logBin, String binlogFormat, String binlogRowImage, Set<String> privileges,
                         Map<String, Boolean> readable) {

    MariaDbSetupFacts {
        privileges = Set.copyOf(privileges);
        readable = Map.copyOf(readable);
    }
}
