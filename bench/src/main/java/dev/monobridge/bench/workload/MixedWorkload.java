package dev.monobridge.bench.workload;

import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;

/**
 * A day's trading with deletes: mostly price moves, but also new races with their runners, runners
 * withdrawn, bets placed and cancelled, markets suspended and reopened, new markets, and markets and
 * races removed (their children first, so that every statement changes one row and nothing cascades).
 */
public final class MixedWorkload implements Workload {

    private static final int RUNNERS_PER_NEW_RACE = 8;
    private static final int SELECTIONS_PER_NEW_MARKET = 6;

    private final int meetings;
    private final int events;
    private final int customers;
    private final Random random;
    /** The moment the run's rows are placed around: the same for every pipeline, so that their rows are equal. */
    private final OffsetDateTime start;
    private final LiveIds meetingIds = new LiveIds();
    private final LiveIds raceIds = new LiveIds();
    private final LiveIds runnerIds = new LiveIds();
    private final LiveIds eventIds = new LiveIds();
    private final LiveIds marketIds = new LiveIds();
    private final LiveIds selectionIds = new LiveIds();
    private final LiveIds customerIds = new LiveIds();
    private final LiveIds betIds = new LiveIds();
    private final Map<Long, LiveIds> runnersOfRace = new HashMap<>();
    private final Map<Long, Long> raceOfRunner = new HashMap<>();
    private final Map<Long, LiveIds> selectionsOfMarket = new HashMap<>();
    private final Map<Long, Boolean> marketSuspended = new HashMap<>();
    private OffsetDateTime now;
    private long nextRace;
    private long nextRunner;
    private long nextMarket;
    private long nextSelection;
    private long nextBet;

    /** @param scale 1.0 for 5 meetings of 8 races of 10 runners, 20 events of 6 markets of 8 selections, 50 customers of 10 bets */
    public MixedWorkload(double scale, long seed, OffsetDateTime start) {
        this.start = start;
        this.meetings = Math.max(1, (int) Math.round(5 * scale));
        this.events = Math.max(1, (int) Math.round(20 * scale));
        this.customers = Math.max(1, (int) Math.round(50 * scale));
        this.random = new Random(seed);
    }

    @Override
    public String name() {
        return "mixed";
    }

    @Override
    public long seed(SourceWriter writer) throws SQLException {
        DemoRows rows = new DemoRows(writer, random);
        now = start;
        long written = 0;
        for (long meeting = 1; meeting <= meetings; meeting++) {
            rows.meeting(meeting, now.toLocalDate());
            meetingIds.add(meeting);
            written++;
            for (int r = 0; r < 8; r++) {
                written += newRace(rows, meeting);
            }
        }
        rows.sport(1);
        for (long event = 1; event <= events; event++) {
            rows.event(event, now.plusHours(2).plusMinutes(event));
            eventIds.add(event);
            written++;
            for (int m = 0; m < 6; m++) {
                written += newMarket(rows, event, 8);
            }
        }
        for (long customer = 1; customer <= customers; customer++) {
            rows.customer(customer, now.minusDays(30));
            customerIds.add(customer);
            written++;
        }
        writer.flush();
        for (long customer = 1; customer <= customers; customer++) {
            for (int b = 0; b < 10; b++) {
                rows.bet(++nextBet, customer, selectionIds.pick(random), now.minusMinutes(1 + random.nextInt(600)));
                betIds.add(nextBet);
                written++;
            }
        }
        writer.commit();
        return written;
    }

    @Override
    public boolean streams() {
        return true;
    }

    @Override
    public long run(SourceWriter writer, long changes, Pacer pacer) throws SQLException {
        DemoRows rows = new DemoRows(writer, random);
        long made = 0;
        while (made < changes) {
            pacer.await(made);
            made += step(rows, writer);
            writer.commit();
        }
        return made;
    }

    private long step(DemoRows rows, SourceWriter writer) throws SQLException {
        int dice = random.nextInt(100);
        if (dice < 50) {
            long made = 0;
            for (int i = 0; i < 5; i++) {
                if (random.nextBoolean() && !runnerIds.isEmpty()) {
                    rows.runnerPrice(runnerIds.pick(random));
                    made++;
                } else if (!selectionIds.isEmpty()) {
                    rows.selectionPrice(selectionIds.pick(random));
                    made++;
                }
            }
            return made;
        }
        if (dice < 60) {
            return newRace(rows, meetingIds.pick(random));
        }
        if (dice < 67 && !runnerIds.isEmpty()) {
            long runner = runnerIds.pick(random);
            writer.add("delete from runner where id = ?", runner);
            runnerIds.remove(runner);
            runnersOfRace.get(raceOfRunner.remove(runner)).remove(runner);
            return 1;
        }
        if (dice < 77 && !selectionIds.isEmpty()) {
            rows.bet(++nextBet, customerIds.pick(random), selectionIds.pick(random), now.plusMinutes(random.nextInt(600)));
            betIds.add(nextBet);
            return 1;
        }
        if (dice < 82 && !betIds.isEmpty()) {
            long bet = betIds.pick(random);
            writer.add("delete from bet where id = ?", bet);
            betIds.remove(bet);
            return 1;
        }
        if (dice < 87 && !marketIds.isEmpty()) {
            long market = marketIds.pick(random);
            boolean suspended = !marketSuspended.getOrDefault(market, false);
            marketSuspended.put(market, suspended);
            writer.add("update market set status = ? where id = ?", suspended ? "SUSPENDED" : "OPEN", market);
            return 1;
        }
        if (dice < 92) {
            return newMarket(rows, eventIds.pick(random), SELECTIONS_PER_NEW_MARKET);
        }
        if (dice < 96 && marketIds.size() > events) {
            long market = marketIds.pick(random);
            LiveIds children = selectionsOfMarket.remove(market);
            long made = 0;
            while (!children.isEmpty()) {
                long selection = children.pick(random);
                writer.add("delete from selection where id = ?", selection);
                children.remove(selection);
                selectionIds.remove(selection);
                made++;
            }
            writer.add("delete from market where id = ?", market);
            marketIds.remove(market);
            marketSuspended.remove(market);
            return made + 1;
        }
        if (raceIds.size() > meetings) {
            long race = raceIds.pick(random);
            LiveIds children = runnersOfRace.remove(race);
            long made = 0;
            while (!children.isEmpty()) {
                long runner = children.pick(random);
                writer.add("delete from runner where id = ?", runner);
                children.remove(runner);
                runnerIds.remove(runner);
                raceOfRunner.remove(runner);
                made++;
            }
            writer.add("delete from race where id = ?", race);
            raceIds.remove(race);
            return made + 1;
        }
        return newRace(rows, meetingIds.pick(random));
    }

    private long newRace(DemoRows rows, long meeting) throws SQLException {
        long race = ++nextRace;
        rows.race(race, meeting, now.plusMinutes(20 + random.nextInt(600)));
        raceIds.add(race);
        LiveIds runners = new LiveIds();
        runnersOfRace.put(race, runners);
        for (int c = 1; c <= RUNNERS_PER_NEW_RACE; c++) {
            rows.runner(++nextRunner, race, c);
            runnerIds.add(nextRunner);
            runners.add(nextRunner);
            raceOfRunner.put(nextRunner, race);
        }
        return 1 + RUNNERS_PER_NEW_RACE;
    }

    private long newMarket(DemoRows rows, long event, int selections) throws SQLException {
        long market = ++nextMarket;
        rows.market(market, event, 1 + random.nextInt(50));
        marketIds.add(market);
        LiveIds children = new LiveIds();
        selectionsOfMarket.put(market, children);
        for (int s = 1; s <= selections; s++) {
            rows.selection(++nextSelection, market, s);
            selectionIds.add(nextSelection);
            children.add(nextSelection);
        }
        return 1 + selections;
    }

    @Override
    public String growingCollection() {
        return "event_page";
    }
}
