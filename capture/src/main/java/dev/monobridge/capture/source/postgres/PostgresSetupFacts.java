package dev.monobridge.capture.source.postgres;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What the source says about its own setup for capture, read in one go ({@link PostgresSetupReader}), so
 * that what is wrong with it ({@link PostgresSetupChecks}) is decided apart from the SQL that asks.
 *
 * @param tables each captured table that exists, by its name as definitions write it; a missing one is
 *               the schema check's to report
 * @param slotPlugin the decoding plugin of the bridge's slot, empty when the slot does not exist yet
 * @param publication the bridge's publication, empty when it does not exist yet
 */
record PostgresSetupFacts(String walLevel, int maxReplicationSlots, int slotsInUse, int maxWalSenders, int walSendersInUse,
                          Optional<String> slotPlugin, String role, boolean canReplicate, boolean superuser,
                          String database, boolean canCreateInDatabase, Map<String, Table> tables,
                          Optional<Publication> publication) {

    /** A captured table as the bridge's role sees it. */
    record Table(boolean canSelect, boolean owned) {
    }

    /** The publication as it exists. */
    record Publication(boolean allTables, Set<String> tables, boolean owned) {
    }
}
