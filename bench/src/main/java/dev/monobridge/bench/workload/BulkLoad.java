package dev.monobridge.bench.workload;

import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.Random;

/**
 * An initial snapshot of a large source: a third of the rows racing (meetings of 10 races of 12
 * runners), a third sportsbook (events of 5 markets of 10 selections), the rest customers with 20 bets
 * each, inserted table by table in large batches before capture starts. Nothing streams afterwards.
 */
public final class BulkLoad implements Workload {

    private static final int FLUSH_EVERY = 2000;
    private static final int RACES_PER_MEETING = 10;
    private static final int RUNNERS_PER_RACE = 12;
    private static final int MARKETS_PER_EVENT = 5;
    private static final int SELECTIONS_PER_MARKET = 10;
    private static final int BETS_PER_CUSTOMER = 20;

    private final long rows;
    private final Random random;
    /** The moment the run's rows are placed around: the same for every pipeline, so that their rows are equal. */
    private final OffsetDateTime start;
    private int pending;

    public BulkLoad(long rows, long seed, OffsetDateTime start) {
        this.start = start;
        if (rows < 3 * (1 + RACES_PER_MEETING * (1 + RUNNERS_PER_RACE))) {
            throw new IllegalArgumentException("a bulk load needs at least " + 3 * (1 + RACES_PER_MEETING * (1 + RUNNERS_PER_RACE))
                    + " rows, not " + rows);
        }
        this.rows = rows;
        this.random = new Random(seed);
    }

    @Override
    public String name() {
        return "bulk-load";
    }

    @Override
    public long seed(SourceWriter writer) throws SQLException {
        DemoRows rows = new DemoRows(writer, random);
        OffsetDateTime now = start;
        long third = this.rows / 3;
        long meetings = Math.max(1, third / (1 + RACES_PER_MEETING * (1 + RUNNERS_PER_RACE)));
        long events = Math.max(1, third / (1 + MARKETS_PER_EVENT * (1 + SELECTIONS_PER_MARKET)));
        long left = this.rows - meetings * (1 + RACES_PER_MEETING * (1 + RUNNERS_PER_RACE))
                - events * (1 + MARKETS_PER_EVENT * (1 + SELECTIONS_PER_MARKET));
        long customers = Math.max(1, left / (1 + BETS_PER_CUSTOMER));
        long bets = left - customers;

        for (long meeting = 1; meeting <= meetings; meeting++) {
            rows.meeting(meeting, now.toLocalDate());
            tick(writer);
        }
        writer.flush();
        for (long race = 1; race <= meetings * RACES_PER_MEETING; race++) {
            rows.race(race, 1 + (race - 1) / RACES_PER_MEETING, now.plusMinutes(30 + 5 * ((race - 1) % RACES_PER_MEETING)));
            tick(writer);
        }
        writer.flush();
        for (long runner = 1; runner <= meetings * RACES_PER_MEETING * RUNNERS_PER_RACE; runner++) {
            rows.runner(runner, 1 + (runner - 1) / RUNNERS_PER_RACE, (int) (1 + (runner - 1) % RUNNERS_PER_RACE));
            tick(writer);
        }
        writer.commit();
        rows.sport(1);
        for (long event = 1; event <= events; event++) {
            rows.event(event, now.plusHours(2).plusMinutes(event % 1000));
            tick(writer);
        }
        writer.flush();
        for (long market = 1; market <= events * MARKETS_PER_EVENT; market++) {
            rows.market(market, 1 + (market - 1) / MARKETS_PER_EVENT, (int) (1 + (market - 1) % MARKETS_PER_EVENT));
            tick(writer);
        }
        writer.flush();
        long selections = events * MARKETS_PER_EVENT * SELECTIONS_PER_MARKET;
        for (long selection = 1; selection <= selections; selection++) {
            rows.selection(selection, 1 + (selection - 1) / SELECTIONS_PER_MARKET, (int) (1 + (selection - 1) % SELECTIONS_PER_MARKET));
            tick(writer);
        }
        writer.commit();
        for (long customer = 1; customer <= customers; customer++) {
            rows.customer(customer, now.minusDays(30));
            tick(writer);
        }
        writer.flush();
        for (long bet = 1; bet <= bets; bet++) {
            rows.bet(bet, 1 + (bet - 1) % customers, 1 + random.nextInt((int) selections), now.minusMinutes(1 + random.nextInt(600)));
            tick(writer);
        }
        writer.commit();
        return this.rows;
    }

    private void tick(SourceWriter writer) throws SQLException {
        if (++pending == FLUSH_EVERY) {
            writer.flush();
            pending = 0;
        }
    }

    @Override
    public boolean streams() {
        return false;
    }

    @Override
    public long run(SourceWriter writer, long changes, Pacer pacer) {
        throw new UnsupportedOperationException("a bulk load has no stream");
    }

    @Override
    public String growingCollection() {
        return "racing_homepage";
    }
}
