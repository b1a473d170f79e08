package dev.monobridge.bench.workload;

import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.Random;

/**
 * A steady storm of price moves on the racing homepage and the event pages: today's meetings, races
 * and runners, and events with markets and selections, then transactions of ten price updates on
 * random runners and selections, as a price feed sends them.
 */
public final class PriceStorm implements Workload {

    static final int UPDATES_PER_TRANSACTION = 10;

    private final int meetings;
    private final int racesPerMeeting;
    private final int runnersPerRace;
    private final int events;
    private final int marketsPerEvent;
    private final int selectionsPerMarket;
    private final Random random;
    /** The moment the run's rows are placed around: the same for every pipeline, so that their rows are equal. */
    private final OffsetDateTime start;
    private long runners;
    private long selections;

    /**
     * @param scale 1.0 for 10 meetings of 10 races of 12 runners and 50 events of 10 markets of 10
     *              selections (6,860 rows); meetings and events scale with it
     */
    public PriceStorm(double scale, long seed, OffsetDateTime start) {
        this.start = start;
        this.meetings = Math.max(1, (int) Math.round(10 * scale));
        this.racesPerMeeting = 10;
        this.runnersPerRace = 12;
        this.events = Math.max(1, (int) Math.round(50 * scale));
        this.marketsPerEvent = 10;
        this.selectionsPerMarket = 10;
        this.random = new Random(seed);
    }

    @Override
    public String name() {
        return "price-storm";
    }

    @Override
    public long seed(SourceWriter writer) throws SQLException {
        DemoRows rows = new DemoRows(writer, random);
        OffsetDateTime now = start;
        long written = 0;
        long race = 0;
        for (long meeting = 1; meeting <= meetings; meeting++) {
            rows.meeting(meeting, now.toLocalDate());
            written++;
            for (int r = 0; r < racesPerMeeting; r++) {
                rows.race(++race, meeting, now.plusMinutes(30L * (r + 1) + meeting));
                written++;
                for (int c = 1; c <= runnersPerRace; c++) {
                    rows.runner(++runners, race, c);
                    written++;
                }
            }
            writer.flush();
        }
        rows.sport(1);
        long market = 0;
        for (long event = 1; event <= events; event++) {
            rows.event(event, now.plusHours(2).plusMinutes(event));
            written++;
            for (int m = 1; m <= marketsPerEvent; m++) {
                rows.market(++market, event, m);
                written++;
                for (int s = 1; s <= selectionsPerMarket; s++) {
                    rows.selection(++selections, market, s);
                    written++;
                }
            }
            writer.flush();
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
            for (int i = 0; i < UPDATES_PER_TRANSACTION; i++) {
                if (random.nextBoolean()) {
                    rows.runnerPrice(1 + (long) random.nextInt((int) runners));
                } else {
                    rows.selectionPrice(1 + (long) random.nextInt((int) selections));
                }
            }
            writer.commit();
            made += UPDATES_PER_TRANSACTION;
        }
        return made;
    }

    @Override
    public String growingCollection() {
        return "racing_homepage";
    }
}
