package dev.monobridge.connector.demo;

import java.math.BigDecimal;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The operations of {@link LoadGenerator}: what a sportsbook's and a racing desk's traders, and their
 * customers, do to the demo schema in a day. Each call of {@link #step} runs one operation, of one to
 * five statements, on a connection whose transaction the caller owns.
 *
 * <p>Ids are always looked up in the database, never assumed: rows come and go, and a long-running
 * demo may be restarted on data that an earlier run changed. Every choice is drawn from one
 * {@link Random} and every decision is made from the data alone, never from the clock (the oldest
 * open race goes off next, whatever its off time says), so a seed and the same starting data replay
 * the same transactions.
 *
 * <p>Growth is balanced: races and events are added only while their live counts are below the
 * {@link WorkloadTargets}, and finished meetings and events, and settled bets, are deleted while their
 * counts are above them.
 */
final class Workload {

    /** What an operation returns when the data offers nothing to do it to; the step then moves a price. */
    static final int NOT_APPLICABLE = -1;

    private interface Operation {
        int run(Connection connection) throws SQLException;
    }

    private record Weighted(int weight, Operation operation) {
    }

    private final Random random;
    private final WorkloadTargets targets;
    private final SqlDialect dialect;
    private final List<Weighted> operations;
    private final int totalWeight;

    Workload(Random random, WorkloadTargets targets, SqlDialect dialect) {
        this.random = random;
        this.targets = targets;
        this.dialect = dialect;
        // Price moves dominate, as they do in a live book. Results outweigh races going off, so that
        // running races do not pile up; live events need no such margin, as addEvent bounds them.
        this.operations = List.of(
                new Weighted(24, this::moveRunnerPrices),
                new Weighted(23, this::moveSelectionPrices),
                new Weighted(10, this::placeBet),
                new Weighted(5, this::suspendOrReopenMarket),
                new Weighted(4, this::suspendOrReactivateSelection),
                new Weighted(3, this::sendRaceOff),
                new Weighted(4, this::resultRace),
                new Weighted(4, this::addRace),
                new Weighted(3, this::sendEventLive),
                new Weighted(3, this::finishEvent),
                new Weighted(3, this::addEvent),
                new Weighted(2, this::withdrawRunner),
                new Weighted(2, this::moveRunnerToAnotherRace),
                new Weighted(2, this::rewriteRunnerNotes),
                new Weighted(2, this::changeGoing),
                new Weighted(1, this::deleteMarket),
                new Weighted(5, this::deleteWhatIsFinished));
        this.totalWeight = operations.stream().mapToInt(Weighted::weight).sum();
    }

    /** Runs one operation chosen by weight; returns the rows its statements changed. */
    int step(Connection connection) throws SQLException {
        int roll = random.nextInt(totalWeight);
        Operation chosen = null;
        for (Weighted weighted : operations) {
            roll -= weighted.weight();
            if (roll < 0) {
                chosen = weighted.operation();
                break;
            }
        }
        int changed = chosen.run(connection);
        if (changed == NOT_APPLICABLE) {
            changed = moveRunnerPrices(connection);
        }
        if (changed == NOT_APPLICABLE) {
            changed = moveSelectionPrices(connection);
        }
        return Math.max(0, changed);
    }

    // ---- prices -------------------------------------------------------------------------------------

    private int moveRunnerPrices(Connection c) throws SQLException {
        Row runner = pick(c, "runner", "runner r join race ra on ra.id = r.race_id", "r",
                "r.status = 'RUNNER' and r.price is not null and ra.status = 'OPEN'", "r.id, r.race_id, r.price");
        if (runner == null) {
            return NOT_APPLICABLE;
        }
        int changed = movePrice(c, "runner", runner.id(0), runner.decimal(2));
        // About a third of moves shift the book: one or two other runners in the race move with it.
        if (random.nextInt(3) == 0) {
            List<Row> others = rows(c, "select id, price from runner where race_id = ? and status = 'RUNNER'"
                    + " and price is not null and id <> ? order by id", runner.id(1), runner.id(0));
            changed += moveSomeOf(c, "runner", others, 1 + random.nextInt(2));
        }
        return changed;
    }

    private int moveSelectionPrices(Connection c) throws SQLException {
        Row selection = pick(c, "selection", "selection s join market m on m.id = s.market_id", "s",
                "s.status = 'ACTIVE' and m.status = 'OPEN'", "s.id, s.market_id, s.price");
        if (selection == null) {
            return NOT_APPLICABLE;
        }
        int changed = movePrice(c, "selection", selection.id(0), selection.decimal(2));
        // A shortening selection lengthens another in the same market, two times in five.
        if (random.nextInt(5) < 2) {
            List<Row> others = rows(c, "select id, price from selection where market_id = ? and status = 'ACTIVE'"
                    + " and id <> ? order by id", selection.id(1), selection.id(0));
            changed += moveSomeOf(c, "selection", others, 1);
        }
        return changed;
    }

    private int moveSomeOf(Connection c, String table, List<Row> candidates, int count) throws SQLException {
        List<Row> left = new ArrayList<>(candidates);
        int changed = 0;
        for (int i = 0; i < count && !left.isEmpty(); i++) {
            Row row = left.remove(random.nextInt(left.size()));
            changed += movePrice(c, table, row.id(0), row.decimal(1));
        }
        return changed;
    }

    private int movePrice(Connection c, String table, long id, BigDecimal current) throws SQLException {
        return update(c, "update " + table + " set price = ? where id = ?", DemoNames.movedPrice(random, current), id);
    }

    // ---- sport --------------------------------------------------------------------------------------

    private int placeBet(Connection c) throws SQLException {
        Row customer = pick(c, "customer", "customer cu", "cu", "true", "cu.id");
        if (customer == null) {
            return NOT_APPLICABLE;
        }
        Row selection = pick(c, "selection", "selection s join market m on m.id = s.market_id", "s",
                "s.status = 'ACTIVE' and m.status = 'OPEN'", "s.id");
        if (selection == null) {
            return NOT_APPLICABLE;
        }
        // The bet takes the price the selection has now, read in the same statement.
        return update(c, "insert into bet (id, customer_id, selection_id, stake, price, status, placed_at)"
                + " select " + dialect.nextval("bet_id_seq") + ", ?, s.id, ?, s.price, 'OPEN', now() from selection s where s.id = ?",
                customer.id(0), DemoNames.stake(random), selection.id(0));
    }

    private int suspendOrReopenMarket(Connection c) throws SQLException {
        boolean suspend = random.nextBoolean();
        int changed = suspend ? suspendMarket(c) : reopenMarket(c);
        return changed != NOT_APPLICABLE ? changed : suspend ? reopenMarket(c) : suspendMarket(c);
    }

    private int suspendMarket(Connection c) throws SQLException {
        Row market = pick(c, "market", "market m join event e on e.id = m.event_id", "m",
                "m.status = 'OPEN' and e.status in ('SCHEDULED', 'LIVE')", "m.id");
        if (market == null) {
            return NOT_APPLICABLE;
        }
        return update(c, "update market set status = 'SUSPENDED' where id = ?", market.id(0))
                + update(c, "update selection set status = 'SUSPENDED' where market_id = ? and status = 'ACTIVE'",
                        market.id(0));
    }

    private int reopenMarket(Connection c) throws SQLException {
        Row market = pick(c, "market", "market m", "m", "m.status = 'SUSPENDED'", "m.id");
        if (market == null) {
            return NOT_APPLICABLE;
        }
        return update(c, "update market set status = 'OPEN' where id = ?", market.id(0))
                + update(c, "update selection set status = 'ACTIVE' where market_id = ? and status = 'SUSPENDED'",
                        market.id(0));
    }

    private int suspendOrReactivateSelection(Connection c) throws SQLException {
        boolean suspend = random.nextBoolean();
        int changed = setSelectionStatus(c, suspend);
        return changed != NOT_APPLICABLE ? changed : setSelectionStatus(c, !suspend);
    }

    private int setSelectionStatus(Connection c, boolean suspend) throws SQLException {
        String from = suspend ? "ACTIVE" : "SUSPENDED";
        Row selection = pick(c, "selection", "selection s join market m on m.id = s.market_id", "s",
                "s.status = '" + from + "' and m.status = 'OPEN'", "s.id");
        if (selection == null) {
            return NOT_APPLICABLE;
        }
        return update(c, "update selection set status = ? where id = ?", suspend ? "SUSPENDED" : "ACTIVE",
                selection.id(0));
    }

    private int sendEventLive(Connection c) throws SQLException {
        Row event = first(c, "select id from event where status = 'SCHEDULED' order by id limit 1");
        if (event == null) {
            return NOT_APPLICABLE;
        }
        return update(c, "update event set status = 'LIVE' where id = ?", event.id(0));
    }

    /** Settles the oldest live event: a winner per market, its result rows, and the bets on it. */
    private int finishEvent(Connection c) throws SQLException {
        Row event = first(c, "select id from event where status = 'LIVE' order by id limit 1");
        if (event == null) {
            return NOT_APPLICABLE;
        }
        long id = event.id(0);
        String inEvent = "market_id in (select id from market where event_id = ?)";
        if (random.nextInt(10) == 0) {
            return update(c, "update event set status = 'ABANDONED' where id = ?", id)
                    + update(c, "update market set status = 'SETTLED' where event_id = ?", id)
                    + update(c, "update selection set status = 'VOID' where " + inEvent, id)
                    + update(c, "update bet set status = 'VOID', settled_at = now() where status = 'OPEN'"
                            + " and selection_id in (select id from selection where " + inEvent + ")", id);
        }
        // md5 of the id with a drawn salt: a winner per market that the seed decides, not the database.
        int changed = update(c, "update event set status = 'FINISHED' where id = ?", id)
                + update(c, "update market set status = 'SETTLED' where event_id = ?", id);
        String salt = Integer.toString(random.nextInt());
        if (dialect == SqlDialect.POSTGRES) {
            changed += update(c, "with winner as (select distinct on (market_id) id from selection where " + inEvent
                    + " order by market_id, md5(id::text || ?::text))"
                    + " update selection set status = case when id in (select id from winner) then 'WINNER'"
                    + " else 'LOSER' end where " + inEvent, id, salt, id);
        } else {
            // MariaDB cannot update a table that a subquery of the same statement reads: winners first.
            List<Long> winners = longs(c, "select id from (select id, row_number() over (partition by market_id order by "
                    + dialect.saltedOrder("id") + ") as n from selection where " + inEvent + ") w where n = 1", salt, id);
            changed += update(c, "update selection set status = 'LOSER' where " + inEvent, id);
            for (long winner : winners) {
                changed += update(c, "update selection set status = 'WINNER' where id = ?", winner);
            }
        }
        changed += update(c, "insert into result (id, event_id, market_id, selection_id, settled_at)"
                + " select " + dialect.nextval("result_id_seq") + ", ?, w.market_id, w.id, now() from (select id, market_id"
                + " from selection where status = 'WINNER' and " + inEvent + " order by id) w", id, id);
        if (dialect == SqlDialect.POSTGRES) {
            return changed + update(c, "update bet b set status = case when s.status = 'WINNER' then 'WON' else 'LOST' end,"
                    + " settled_at = now() from selection s where b.selection_id = s.id and b.status = 'OPEN'"
                    + " and s." + inEvent, id);
        }
        return changed + update(c, "update bet b join selection s on b.selection_id = s.id"
                + " set b.status = case when s.status = 'WINNER' then 'WON' else 'LOST' end, b.settled_at = now()"
                + " where b.status = 'OPEN' and s." + inEvent, id);
    }

    /** A new scheduled event with its markets and selections, while there are too few to bet on. */
    private int addEvent(Connection c) throws SQLException {
        if (count(c, "select count(*) from event where status in ('SCHEDULED', 'LIVE')") >= targets.activeEvents()) {
            return NOT_APPLICABLE;
        }
        Row sportRow = pick(c, "sport", "sport sp", "sp", "true", "sp.id, sp.name");
        if (sportRow == null) {
            return NOT_APPLICABLE;
        }
        int known = DemoNames.SPORTS.indexOf(sportRow.text(1));
        int sport = known >= 0 ? known : Math.floorMod(sportRow.id(0), DemoNames.SPORTS.size());
        List<String> fixture = DemoNames.fixture(random, sport);
        long eventId = longs(c, "select " + dialect.nextval("event_id_seq")).get(0);
        List<Long> marketIds = nextIds(c, "market_id_seq", targets.marketsPerEvent());

        List<String> marketNames = new ArrayList<>();
        List<Integer> marketOrders = new ArrayList<>();
        List<Long> selectionMarkets = new ArrayList<>();
        List<String> selectionNames = new ArrayList<>();
        List<BigDecimal> selectionPrices = new ArrayList<>();
        List<Integer> selectionOrders = new ArrayList<>();
        for (int m = 0; m < marketIds.size(); m++) {
            List<String> names = DemoNames.market(sport, m, fixture, targets.selectionsPerMarket());
            marketNames.add(names.get(0));
            marketOrders.add(m + 1);
            for (int s = 1; s < names.size(); s++) {
                selectionMarkets.add(marketIds.get(m));
                selectionNames.add(names.get(s));
                selectionPrices.add(DemoNames.selectionPrice(random));
                selectionOrders.add(s);
            }
        }
        // Start times are for show only: events go live oldest id first, whatever the clock says.
        int changed = update(c, "insert into event (id, sport_id, name, start_time, status) values"
                        + " (?, ?, ?, " + dialect.minuteFromNowPlusParameter() + ", 'SCHEDULED')",
                        eventId, sportRow.id(0), DemoNames.eventName(fixture, sport), 60 + 15 * random.nextInt(96));
        if (dialect == SqlDialect.MARIADB) {
            // No arrays: a statement per row, in the same transaction.
            for (int m = 0; m < marketIds.size(); m++) {
                changed += update(c, "insert into market (id, event_id, name, status, display_order) values (?, ?, ?, 'OPEN', ?)",
                        marketIds.get(m), eventId, marketNames.get(m), marketOrders.get(m));
            }
            for (int i = 0; i < selectionMarkets.size(); i++) {
                changed += update(c, "insert into selection (id, market_id, name, price, status, display_order) values ("
                        + dialect.nextval("selection_id_seq") + ", ?, ?, ?, 'ACTIVE', ?)",
                        selectionMarkets.get(i), selectionNames.get(i), selectionPrices.get(i), selectionOrders.get(i));
            }
            return changed;
        }
        return changed
                + update(c, "insert into market (id, event_id, name, status, display_order)"
                        + " select u.id, ?, u.name, 'OPEN', u.display_order"
                        + " from unnest(?::bigint[], ?::text[], ?::int[])"
                        + " as u(id, name, display_order)", eventId, array(c, "int8", marketIds),
                        array(c, "text", marketNames), array(c, "int4", marketOrders))
                + update(c, "insert into selection (id, market_id, name, price, status, display_order)"
                        + " select nextval('selection_id_seq'), u.market_id, u.name, u.price, 'ACTIVE', u.display_order"
                        + " from unnest(?::bigint[], ?::text[], ?::numeric[], ?::int[])"
                        + " as u(market_id, name, price, display_order)",
                        array(c, "int8", selectionMarkets), array(c, "text", selectionNames),
                        array(c, "numeric", selectionPrices), array(c, "int4", selectionOrders));
    }

    /** Deletes a market of a scheduled event (never its last), voiding the bets on it first. */
    private int deleteMarket(Connection c) throws SQLException {
        Row market = pick(c, "market", "market m join event e on e.id = m.event_id", "m",
                "e.status = 'SCHEDULED' and (select count(*) from market o where o.event_id = m.event_id) > 1", "m.id");
        if (market == null) {
            return NOT_APPLICABLE;
        }
        return update(c, "update bet set status = 'VOID', settled_at = now() where status = 'OPEN'"
                        + " and selection_id in (select id from selection where market_id = ?)", market.id(0))
                + (dialect.logsCascadedDeletes() ? 0 : update(c, "delete from selection where market_id = ?", market.id(0)))
                + update(c, "delete from market where id = ?", market.id(0));
    }

    // ---- racing -------------------------------------------------------------------------------------

    private int sendRaceOff(Connection c) throws SQLException {
        Row race = first(c, "select id from race where status = 'OPEN' order by id limit 1");
        if (race == null) {
            return NOT_APPLICABLE;
        }
        return update(c, "update race set status = 'OFF' where id = ?", race.id(0));
    }

    /** Results the oldest running race (one in twenty is abandoned instead): a winner, two placed. */
    private int resultRace(Connection c) throws SQLException {
        Row race = first(c, "select id from race where status = 'OFF' order by id limit 1");
        if (race == null) {
            return NOT_APPLICABLE;
        }
        if (random.nextInt(20) == 0) {
            return update(c, "update race set status = 'ABANDONED' where id = ?", race.id(0));
        }
        int changed = update(c, "update race set status = 'RESULTED', resulted_at = now() where id = ?", race.id(0));
        String salt = Integer.toString(random.nextInt());
        if (dialect == SqlDialect.POSTGRES) {
            return changed + update(c, "with finish as (select id,"
                        + " row_number() over (order by md5(id::text || ?::text)) as position"
                        + " from runner where race_id = ? and status = 'RUNNER')"
                        + " update runner r set status = case when f.position = 1 then 'WINNER'"
                        + " when f.position <= 3 then 'PLACED' else 'LOST' end from finish f where r.id = f.id",
                        salt, race.id(0));
        }
        // MariaDB cannot update a table that a subquery of the same statement reads: the finishing order first.
        List<Long> finish = longs(c, "select id from runner where race_id = ? and status = 'RUNNER' order by "
                + dialect.saltedOrder("id"), race.id(0), salt);
        for (int position = 1; position <= finish.size(); position++) {
            changed += update(c, "update runner set status = ? where id = ?",
                    position == 1 ? "WINNER" : position <= 3 ? "PLACED" : "LOST", finish.get(position - 1));
        }
        return changed;
    }

    /**
     * A new open race with its runners, while there are too few open races; in a new meeting once the
     * newest meeting has its day's card.
     */
    private int addRace(Connection c) throws SQLException {
        if (count(c, "select count(*) from race where status = 'OPEN'") >= targets.openRaces()) {
            return NOT_APPLICABLE;
        }
        int changed = 0;
        Row newest = first(c, "select m.id, (select count(*) from race r where r.meeting_id = m.id)"
                + " from meeting m order by m.id desc limit 1");
        long meetingId;
        if (newest == null || newest.id(1) >= targets.racesPerMeeting()) {
            List<String> venue = DemoNames.venue(random);
            meetingId = longs(c, "select " + dialect.nextval("meeting_id_seq")).get(0);
            changed += update(c, "insert into meeting (id, venue, meeting_date, country, going)"
                    + " values (?, ?, current_date, ?, ?)", meetingId, venue.get(0), venue.get(1),
                    DemoNames.pick(random, DemoNames.GOINGS));
        } else {
            meetingId = newest.id(0);
        }
        long raceId = longs(c, "select " + dialect.nextval("race_id_seq")).get(0);
        // Off 35 minutes after the meeting's last race, or soon for a new meeting: for show only, as races
        // go off oldest id first, whatever the clock says.
        String name = DemoNames.raceName(random);
        int soon = 20 + 5 * random.nextInt(12);
        int distance = DemoNames.distanceMetres(random);
        if (dialect == SqlDialect.POSTGRES) {
            changed += update(c, "insert into race (id, meeting_id, name, off_time, status, distance_m) select"
                    + " ?, ?, ?, greatest(max(off_time) + interval '35 minutes',"
                    + " date_trunc('minute', now()) + make_interval(mins => ?)), 'OPEN', ? from race where meeting_id = ?",
                    raceId, meetingId, name, soon, distance, meetingId);
        } else {
            // MariaDB's greatest() is null when any argument is (a new meeting has no races), and an insert
            // cannot read its own table in a subquery: the last off time first.
            Row last = first(c, "select max(off_time) from race where meeting_id = ?", meetingId);
            Object lastOff = last == null ? null : last.values()[0];
            changed += update(c, "insert into race (id, meeting_id, name, off_time, status, distance_m) values"
                    + " (?, ?, ?, coalesce(greatest(? + interval 35 minute, " + dialect.minuteFromNowPlusParameter() + "), "
                    + dialect.minuteFromNowPlusParameter() + "), 'OPEN', ?)",
                    raceId, meetingId, name, lastOff, soon, soon, distance);
        }

        List<String> names = new ArrayList<>();
        List<Integer> cloths = new ArrayList<>();
        List<BigDecimal> prices = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        for (int i = 0; i < targets.runnersPerRace(); i++) {
            names.add(DemoNames.horse(random));
            cloths.add(i + 1);
            prices.add(DemoNames.runnerPrice(random));
            int kind = random.nextInt(7);
            notes.add(kind == 0 ? DemoNames.formGuide(random, DemoSeeder.LONG_NOTE_CHARS)
                    : kind <= 2 ? null : DemoNames.shortNote(random));
        }
        if (dialect == SqlDialect.MARIADB) {
            for (int i = 0; i < names.size(); i++) {
                changed += update(c, "insert into runner (id, race_id, name, cloth_number, price, status, notes) values ("
                        + dialect.nextval("runner_id_seq") + ", ?, ?, ?, ?, 'RUNNER', ?)",
                        raceId, names.get(i), cloths.get(i), prices.get(i), notes.get(i));
            }
            return changed;
        }
        return changed + update(c, "insert into runner (id, race_id, name, cloth_number, price, status, notes)"
                + " select nextval('runner_id_seq'), ?, u.name, u.cloth_number, u.price, 'RUNNER', u.notes"
                + " from unnest(?::text[], ?::int[], ?::numeric[], ?::text[]) as u(name, cloth_number, price, notes)",
                raceId, array(c, "text", names), array(c, "int4", cloths), array(c, "numeric", prices),
                array(c, "text", notes));
    }

    /** A withdrawn runner is deleted, as the monolith does; a race keeps at least three. */
    private int withdrawRunner(Connection c) throws SQLException {
        Row runner = pickRunnerInBigEnoughOpenRace(c);
        if (runner == null) {
            return NOT_APPLICABLE;
        }
        return update(c, "delete from runner where id = ?", runner.id(0));
    }

    /** Moves a runner to another open race: an update of its foreign key, with a new cloth number. */
    private int moveRunnerToAnotherRace(Connection c) throws SQLException {
        Row runner = pickRunnerInBigEnoughOpenRace(c);
        if (runner == null) {
            return NOT_APPLICABLE;
        }
        Row race = pick(c, "race", "race ra", "ra", "ra.status = 'OPEN' and ra.id <> ?"
                + " and (select count(*) from runner o where o.race_id = ra.id) < ?", "ra.id",
                runner.id(1), targets.runnersPerRace() + 3);
        if (race == null) {
            return NOT_APPLICABLE;
        }
        if (dialect == SqlDialect.MARIADB) {
            // MariaDB cannot update a table that a subquery of the same statement reads: the number first.
            long cloth = longs(c, "select coalesce(max(cloth_number), 0) + 1 from runner where race_id = ?", race.id(0)).get(0);
            return update(c, "update runner set race_id = ?, cloth_number = ? where id = ?", race.id(0), cloth, runner.id(0));
        }
        return update(c, "update runner set race_id = ?,"
                + " cloth_number = (select coalesce(max(cloth_number), 0) + 1 from runner where race_id = ?)"
                + " where id = ?",
                race.id(0), race.id(0), runner.id(0));
    }

    private Row pickRunnerInBigEnoughOpenRace(Connection c) throws SQLException {
        return pick(c, "runner", "runner r join race ra on ra.id = r.race_id", "r",
                "r.status = 'RUNNER' and ra.status = 'OPEN'"
                        + " and (select count(*) from runner o"
                        + " where o.race_id = r.race_id and o.status = 'RUNNER') > 3",
                "r.id, r.race_id");
    }

    /** Rewrites a runner's notes: the large, TOASTable column changes too, now and then. */
    private int rewriteRunnerNotes(Connection c) throws SQLException {
        Row runner = pick(c, "runner", "runner r", "r", "true", "r.id");
        if (runner == null) {
            return NOT_APPLICABLE;
        }
        String notes = random.nextInt(3) == 0 ? DemoNames.formGuide(random, DemoSeeder.LONG_NOTE_CHARS)
                : DemoNames.shortNote(random);
        return update(c, "update runner set notes = ? where id = ?", notes, runner.id(0));
    }

    private int changeGoing(Connection c) throws SQLException {
        Row meeting = pick(c, "meeting", "meeting m", "m",
                "exists (select 1 from race r where r.meeting_id = m.id and r.status = 'OPEN')", "m.id");
        if (meeting == null) {
            return NOT_APPLICABLE;
        }
        String going = DemoNames.pick(random, DemoNames.GOINGS);
        return update(c, "update meeting set going = ? where id = ? and " + dialect.isDistinctFromParameter("going"),
                going, meeting.id(0), going);
    }

    // ---- housekeeping -------------------------------------------------------------------------------

    /**
     * Deletes the oldest finished meeting (with cascade to its races and runners), else the oldest
     * finished event, else up to ten of the oldest settled bets: each only while its table holds more
     * than its target.
     */
    private int deleteWhatIsFinished(Connection c) throws SQLException {
        if (count(c, "select count(*) from meeting") > targets.meetings()) {
            // Never the newest meeting: it is where new races go.
            Row meeting = first(c, "select m.id from meeting m where m.id < (select max(id) from meeting)"
                    + " and not exists (select 1 from race r where r.meeting_id = m.id and r.status in ('OPEN', 'OFF'))"
                    + " order by m.id limit 1");
            if (meeting != null) {
                int children = dialect.logsCascadedDeletes() ? 0
                        : update(c, "delete from runner where race_id in (select id from race where meeting_id = ?)", meeting.id(0))
                                + update(c, "delete from race where meeting_id = ?", meeting.id(0));
                return children + update(c, "delete from meeting where id = ?", meeting.id(0));
            }
        }
        if (count(c, "select count(*) from event") > targets.events()) {
            Row event = first(c, "select id from event where status in ('FINISHED', 'ABANDONED') order by id limit 1");
            if (event != null) {
                // Normally none are open by now; a bet must never be left open on a selection that is gone.
                return update(c, "update bet set status = 'VOID', settled_at = now() where status = 'OPEN'"
                                + " and selection_id in (select s.id from selection s"
                                + " join market m on m.id = s.market_id"
                                + " where m.event_id = ?)", event.id(0))
                        + (dialect.logsCascadedDeletes() ? 0
                                : update(c, "delete from result where event_id = ?", event.id(0))
                                        + update(c, "delete from selection where market_id in (select id from market where event_id = ?)", event.id(0))
                                        + update(c, "delete from market where event_id = ?", event.id(0)))
                        + update(c, "delete from event where id = ?", event.id(0));
            }
        }
        long bets = count(c, "select count(*) from bet");
        if (bets > targets.bets()) {
            if (dialect == SqlDialect.MARIADB) {
                // MariaDB takes no LIMIT in an IN subquery, but a delete may have its own.
                return update(c, "delete from bet where status <> 'OPEN' order by id limit ?", Math.min(10, bets - targets.bets()));
            }
            return update(c, "delete from bet where id in"
                    + " (select id from bet where status <> 'OPEN' order by id limit ?)",
                    Math.min(10, bets - targets.bets()));
        }
        return NOT_APPLICABLE;
    }

    // ---- JDBC helpers -------------------------------------------------------------------------------

    /** A row of a query's result, with typed accessors by column index from 0. */
    private record Row(Object[] values) {

        long id(int column) {
            return ((Number) values[column]).longValue();
        }

        BigDecimal decimal(int column) {
            return (BigDecimal) values[column];
        }

        String text(int column) {
            return (String) values[column];
        }
    }

    /**
     * A candidate row, picked at a random point of {@code table}'s id range: the first candidate at or
     * after that point, else the first candidate of all. It walks the id index rather than sorting by
     * the database's random(), so it stays cheap on large tables and the seed decides the choice. Ids
     * after a gap are picked more often; that does not matter here.
     */
    private Row pick(Connection c, String table, String from, String alias, String where, String columns,
            Object... parameters) throws SQLException {
        double point = random.nextDouble();
        String sql = "select " + columns + " from " + from + " where (" + where + ") and " + alias + ".id >= "
                + dialect.pointInIdRange(table) + " order by " + alias + ".id limit 1";
        Object[] withPoint = append(parameters, point);
        Row row = first(c, sql, withPoint);
        if (row == null) {
            withPoint[withPoint.length - 1] = 0.0;
            row = first(c, sql, withPoint);
        }
        return row;
    }

    private static Object[] append(Object[] values, Object last) {
        Object[] all = new Object[values.length + 1];
        System.arraycopy(values, 0, all, 0, values.length);
        all[values.length] = last;
        return all;
    }

    private static Row first(Connection c, String sql, Object... parameters) throws SQLException {
        List<Row> rows = rows(c, sql, parameters);
        return rows.isEmpty() ? null : rows.get(0);
    }

    private static List<Row> rows(Connection c, String sql, Object... parameters) throws SQLException {
        try (PreparedStatement statement = prepare(c, sql, parameters); ResultSet rs = statement.executeQuery()) {
            int columns = rs.getMetaData().getColumnCount();
            List<Row> rows = new ArrayList<>();
            while (rs.next()) {
                Object[] values = new Object[columns];
                for (int i = 0; i < columns; i++) {
                    values[i] = rs.getObject(i + 1);
                }
                rows.add(new Row(values));
            }
            return rows;
        }
    }

    private static List<Long> longs(Connection c, String sql, Object... parameters) throws SQLException {
        List<Long> values = new ArrayList<>();
        for (Row row : rows(c, sql, parameters)) {
            values.add(row.id(0));
        }
        return values;
    }

    /** The next {@code n} values of a sequence. */
    private List<Long> nextIds(Connection c, String sequence, int n) throws SQLException {
        if (dialect == SqlDialect.POSTGRES) {
            return longs(c, "select nextval('" + sequence + "') from generate_series(1, ?)", n);
        }
        List<Long> ids = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            ids.add(longs(c, "select " + dialect.nextval(sequence)).get(0));
        }
        return ids;
    }

    private static long count(Connection c, String sql) throws SQLException {
        return longs(c, sql).get(0);
    }

    private static int update(Connection c, String sql, Object... parameters) throws SQLException {
        try (PreparedStatement statement = prepare(c, sql, parameters)) {
            return statement.executeUpdate();
        }
    }

    private static PreparedStatement prepare(Connection c, String sql, Object... parameters) throws SQLException {
        PreparedStatement statement = c.prepareStatement(sql);
        try {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            return statement;
        } catch (SQLException | RuntimeException e) {
            statement.close();
            throw e;
        }
    }

    private static Array array(Connection c, String type, List<?> values) throws SQLException {
        return c.createArrayOf(type, values.toArray());
    }
}
