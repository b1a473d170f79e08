package dev.monobridge.capture.source.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.monobridge.capture.source.SetupProblem;
import dev.monobridge.capture.source.SourceHeartbeat;

/**
 * Each setup problem the connector would fail on, decided from what the source says about itself, as the
 * one line a person reads. The same facts read from a real PostgreSQL are covered by {@code SetupChecksIT}.
 */
class PostgresSetupChecksTest {

    private static final List<String> CAPTURED = List.of("inventory.customers", "inventory.orders");
    private static final PostgresSetupFacts.Table READABLE_OWNED = new PostgresSetupFacts.Table(true, true);

    @Test
    void aSourceReadyForCaptureHasNoProblem() {
        assertThat(problems("filtered", ready())).isEmpty();
    }

    @Test
    void aWalLevelOtherThanLogicalSaysHowToSetIt() {
        assertThat(problems("filtered", facts("replica", 10, 0, 10, 0, Optional.empty(), true, false, true,
                Map.of("inventory.customers", READABLE_OWNED, "inventory.orders", READABLE_OWNED), Optional.empty())))
                .containsExactly("wal_level is 'replica', not 'logical': run ALTER SYSTEM SET wal_level = logical; "
                        + "as a superuser, then restart PostgreSQL");
    }

    @Test
    void noFreeSlotOrSenderIsAProblemOnlyWhileTheBridgesSlotDoesNotExist() {
        PostgresSetupFacts full = facts("logical", 2, 2, 3, 3, Optional.empty(), true, false, true, tables(READABLE_OWNED), Optional.empty());
        assertThat(problems("filtered", full)).containsExactly(
                "no free replication slot for 'shop' (2 of 2 in use): drop an unused one (SELECT pg_drop_replication_slot('name');) "
                        + "or raise max_replication_slots and restart PostgreSQL",
                "no free WAL sender (3 of 3 in use): raise max_wal_senders and restart PostgreSQL");
        PostgresSetupFacts ownSlot = facts("logical", 2, 2, 3, 3, Optional.of("pgoutput"), true, false, true, tables(READABLE_OWNED),
                Optional.empty());
        assertThat(problems("filtered", ownSlot)).isEmpty();
    }

    @Test
    void anExistingSlotOfAnotherPluginIsAProblem() {
        PostgresSetupFacts facts = facts("logical", 10, 1, 10, 0, Optional.of("test_decoding"), true, false, true, tables(READABLE_OWNED),
                Optional.empty());
        assertThat(problems("filtered", facts)).containsExactly("replication slot 'shop' decodes with 'test_decoding', not 'pgoutput': "
                + "drop it (SELECT pg_drop_replication_slot('shop');) or set source.slot to a new name");
    }

    @Test
    void aRoleWithoutReplicationSaysTheAlterRole() {
        PostgresSetupFacts facts = facts("logical", 10, 0, 10, 0, Optional.empty(), false, false, true, tables(READABLE_OWNED), Optional.empty());
        assertThat(problems("filtered", facts)).containsExactly("role bridge has no REPLICATION attribute: ALTER ROLE bridge REPLICATION;");
    }

    @Test
    void everyUnreadableTableGetsItsGrant() {
        PostgresSetupFacts facts = facts("logical", 10, 0, 10, 0, Optional.empty(), true, false, true,
                tables(new PostgresSetupFacts.Table(false, false)), publication(false, Set.copyOf(CAPTURED)));
        assertThat(problems("disabled", facts)).containsExactly(
                "role bridge cannot read inventory.customers: GRANT SELECT ON inventory.customers TO bridge;",
                "role bridge cannot read inventory.orders: GRANT SELECT ON inventory.orders TO bridge;");
    }

    @Test
    void aRoleWithoutCreateOnTheDatabaseCannotCreateThePublication() {
        PostgresSetupFacts facts = facts("logical", 10, 0, 10, 0, Optional.empty(), true, false, false, tables(READABLE_OWNED), Optional.empty());
        assertThat(problems("filtered", facts)).containsExactly(
                "role bridge cannot create publication shop: it has no CREATE on database inventory: GRANT CREATE ON DATABASE inventory TO bridge;");
    }

    @Test
    void aRoleThatDoesNotOwnTheTablesCannotCreateThePublication() {
        PostgresSetupFacts facts = facts("logical", 10, 0, 10, 0, Optional.empty(), true, false, true,
                tables(new PostgresSetupFacts.Table(true, false)), Optional.empty());
        assertThat(problems("filtered", facts)).containsExactly(
                "role bridge cannot create publication shop: it does not own inventory.customers, inventory.orders: "
                        + "as the owner of the tables, CREATE PUBLICATION shop FOR TABLE inventory.customers, inventory.orders;");
    }

    @Test
    void aMissingPublicationThatIsNotToBeCreatedSaysTheCreatePublication() {
        assertThat(problems("disabled", ready())).containsExactly("publication shop does not exist (source.publication-autocreate is "
                + "disabled): as the owner of the tables, CREATE PUBLICATION shop FOR TABLE inventory.customers, inventory.orders;");
    }

    @Test
    void aPublicationWithoutACapturedTableNamesIt() {
        PostgresSetupFacts facts = facts("logical", 10, 0, 10, 0, Optional.empty(), true, false, true,
                tables(new PostgresSetupFacts.Table(true, false)), publication(false, Set.of("inventory.customers", "inventory.other")));
        assertThat(problems("filtered", facts)).containsExactly("publication shop does not include inventory.orders: as the owner of "
                + "the publication and the tables, ALTER PUBLICATION shop ADD TABLE inventory.orders;");
    }

    @Test
    void aPublicationTheConnectorMaySetTheTablesOfOrOneForAllTablesIsNoProblem() {
        PostgresSetupFacts owned = facts("logical", 10, 0, 10, 0, Optional.empty(), true, false, true, tables(READABLE_OWNED),
                Optional.of(new PostgresSetupFacts.Publication(false, Set.of("inventory.customers"), true)));
        assertThat(problems("filtered", owned)).isEmpty();
        PostgresSetupFacts allTables = facts("logical", 10, 0, 10, 0, Optional.empty(), true, false, true,
                tables(new PostgresSetupFacts.Table(true, false)), publication(true, Set.of()));
        assertThat(problems("disabled", allTables)).isEmpty();
    }

    @Test
    void everyProblemIsReportedAtOnce() {
        PostgresSetupFacts facts = facts("minimal", 10, 0, 10, 0, Optional.empty(), false, false, false,
                tables(new PostgresSetupFacts.Table(false, true)), Optional.empty());
        assertThat(problems("filtered", facts)).hasSize(5);
    }

    private static PostgresSetupFacts ready() {
        return facts("logical", 10, 0, 10, 0, Optional.empty(), true, false, true, tables(READABLE_OWNED), Optional.empty());
    }

    private static Map<String, PostgresSetupFacts.Table> tables(PostgresSetupFacts.Table each) {
        return Map.of("inventory.customers", each, "inventory.orders", each);
    }

    private static Optional<PostgresSetupFacts.Publication> publication(boolean allTables, Set<String> tables) {
        return Optional.of(new PostgresSetupFacts.Publication(allTables, tables, false));
    }

    private static PostgresSetupFacts facts(String walLevel, int maxSlots, int slots, int maxSenders, int senders, Optional<String> plugin,
                                            boolean canReplicate, boolean superuser, boolean canCreate,
                                            Map<String, PostgresSetupFacts.Table> tables,
                                            Optional<PostgresSetupFacts.Publication> publication) {
        return new PostgresSetupFacts(walLevel, maxSlots, slots, maxSenders, senders, plugin, "bridge", canReplicate, superuser,
                "inventory", canCreate, tables, publication);
    }

    private static List<String> problems(String autocreate, PostgresSetupFacts facts) {
        PostgresSource source = new PostgresSource("localhost", 5432, "inventory", "bridge", "secret", "shop", "shop", autocreate,
                "initial", CAPTURED, Duration.ofMillis(100), 100, SourceHeartbeat.OFF);
        return new PostgresSetupChecks(source).problems(facts, CAPTURED).stream().map(SetupProblem::toString).toList();
    }
}
