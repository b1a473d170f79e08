package dev.monobridge.capture.source.postgres;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.monobridge.capture.source.SetupProblem;

/**
 * Everything about a PostgreSQL source that would stop Debezium's connector at or soon after start-up,
 * decided from what the source says about itself: logical decoding, a free slot and WAL sender, the role's
 * REPLICATION attribute, SELECT on every captured table, and a publication that exists with the captured
 * tables or that the role can create. Each problem says the SQL that fixes it. Without these checks the
 * connector says it some seconds later, deep inside a stack trace.
 */
final class PostgresSetupChecks {

    static final String LOGICAL = "logical";
    static final String PGOUTPUT = "pgoutput";
    static final String AUTOCREATE_FILTERED = "filtered";
    static final String AUTOCREATE_ALL_TABLES = "all_tables";

    private final PostgresSource source;

    PostgresSetupChecks(PostgresSource source) {
        this.source = source;
    }

    /** Every problem at once, in the order a person would fix them; captured tables in the given order. */
    List<SetupProblem> problems(PostgresSetupFacts facts, List<String> captured) {
        List<SetupProblem> problems = new ArrayList<>();
        if (!LOGICAL.equals(facts.walLevel())) {
            problems.add(new SetupProblem("wal_level is '" + facts.walLevel() + "', not 'logical'",
                    "run ALTER SYSTEM SET wal_level = logical; as a superuser, then restart PostgreSQL"));
        }
        if (facts.slotPlugin().isEmpty()) {
            if (facts.slotsInUse() >= facts.maxReplicationSlots()) {
                problems.add(new SetupProblem("no free replication slot for '" + source.slot() + "' (" + facts.slotsInUse() + " of "
                        + facts.maxReplicationSlots() + " in use)", "drop an unused one (SELECT pg_drop_replication_slot('name');) "
                        + "or raise max_replication_slots and restart PostgreSQL"));
            }
            if (facts.walSendersInUse() >= facts.maxWalSenders()) {
                problems.add(new SetupProblem("no free WAL sender (" + facts.walSendersInUse() + " of " + facts.maxWalSenders()
                        + " in use)", "raise max_wal_senders and restart PostgreSQL"));
            }
        } else if (!PGOUTPUT.equals(facts.slotPlugin().get())) {
            problems.add(new SetupProblem("replication slot '" + source.slot() + "' decodes with '" + facts.slotPlugin().get()
                    + "', not 'pgoutput'", "drop it (SELECT pg_drop_replication_slot('" + source.slot()
                    + "');) or set source.slot to a new name"));
        }
        if (!facts.canReplicate()) {
            problems.add(new SetupProblem("role " + facts.role() + " has no REPLICATION attribute",
                    "ALTER ROLE " + facts.role() + " REPLICATION;"));
        }
        for (String table : captured) {
            PostgresSetupFacts.Table seen = facts.tables().get(table);
            if (seen != null && !seen.canSelect()) {
                problems.add(new SetupProblem("role " + facts.role() + " cannot read " + table,
                        "GRANT SELECT ON " + table + " TO " + facts.role() + ";"));
            }
        }
        publicationProblem(facts, captured).ifPresent(problems::add);
        return problems;
    }

    private Optional<SetupProblem> publicationProblem(PostgresSetupFacts facts, List<String> captured) {
        String name = source.publication();
        String create = "CREATE PUBLICATION " + name + " FOR TABLE " + String.join(", ", captured) + ";";
        List<String> notOwned = captured.stream()
                .filter(t -> facts.tables().containsKey(t) && !facts.tables().get(t).owned()).toList();
        if (facts.publication().isPresent()) {
            PostgresSetupFacts.Publication publication = facts.publication().get();
            if (publication.allTables()) {
                return Optional.empty();
            }
            List<String> missing = captured.stream().filter(t -> !publication.tables().contains(t)).toList();
            // In 'filtered' mode the connector sets the publication's tables itself, which needs the
            // publication's and the tables' owner.
            boolean connectorFixesIt = AUTOCREATE_FILTERED.equals(source.publicationAutocreate()) && publication.owned() && notOwned.isEmpty();
            if (missing.isEmpty() || connectorFixesIt) {
                return Optional.empty();
            }
            return Optional.of(new SetupProblem("publication " + name + " does not include " + String.join(", ", missing),
                    "as the owner of the publication and the tables, ALTER PUBLICATION " + name + " ADD TABLE "
                            + String.join(", ", missing) + ";"));
        }
        if (AUTOCREATE_ALL_TABLES.equals(source.publicationAutocreate())) {
            return facts.superuser() ? Optional.empty() : Optional.of(new SetupProblem("publication " + name
                    + " does not exist, and only a superuser can create it for all tables",
                    "as a superuser, CREATE PUBLICATION " + name + " FOR ALL TABLES;"));
        }
        if (!AUTOCREATE_FILTERED.equals(source.publicationAutocreate())) {
            return Optional.of(new SetupProblem("publication " + name + " does not exist (source.publication-autocreate is "
                    + source.publicationAutocreate() + ")", "as the owner of the tables, " + create));
        }
        List<String> reasons = new ArrayList<>();
        if (!facts.canCreateInDatabase()) {
            reasons.add("it has no CREATE on database " + facts.database());
        }
        if (!notOwned.isEmpty()) {
            reasons.add("it does not own " + String.join(", ", notOwned));
        }
        if (reasons.isEmpty()) {
            return Optional.empty();
        }
        String grant = facts.canCreateInDatabase() ? "" : "GRANT CREATE ON DATABASE " + facts.database() + " TO " + facts.role() + ";";
        String fix = notOwned.isEmpty() ? grant : "as the owner of the tables, " + create;
        return Optional.of(new SetupProblem("role " + facts.role() + " cannot create publication " + name + ": "
                + String.join(" and ", reasons), fix));
    }
}
