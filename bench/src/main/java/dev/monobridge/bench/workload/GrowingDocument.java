package dev.monobridge.bench.workload;

import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Random;

/**
 * One customer who never stops betting: a bet placed every simulated minute, and each one settled
 * once twenty newer bets are open (an hour and a half after it was placed). Nothing is ever deleted,
 * so a design that keeps every entry grows this customer's document without end; the customer-bets
 * projection keeps the 50 most recent.
 *
 * <p>Simulated time starts at the real clock and runs a minute per bet, ahead of it: the projection's
 * seven-day retention of settled bets never takes effect during a run, so only the list's bound keeps
 * the document small.
 */
public final class GrowingDocument implements Workload {

    /** The customer whose document grows. */
    static final long GROWING_CUSTOMER = 1;
    private static final int OTHER_CUSTOMERS = 9;
    private static final int BETS_PER_OTHER_CUSTOMER = 5;
    private static final int OPEN_BETS = 20;

    private final Random random;
    /** The moment the run's rows are placed around: the same for every pipeline, so that their rows are equal. */
    private final OffsetDateTime start;
    private final Deque<long[]> open = new ArrayDeque<>();
    private OffsetDateTime simulated;
    private long nextBet = 1;

    public GrowingDocument(long seed, OffsetDateTime start) {
        this.start = start;
        this.random = new Random(seed);
    }

    @Override
    public String name() {
        return "growing-document";
    }

    @Override
    public long seed(SourceWriter writer) throws SQLException {
        DemoRows rows = new DemoRows(writer, random);
        OffsetDateTime now = start;
        simulated = now;
        long written = 0;
        for (long customer = GROWING_CUSTOMER; customer <= GROWING_CUSTOMER + OTHER_CUSTOMERS; customer++) {
            rows.customer(customer, now.minusDays(30));
            written++;
        }
        writer.flush();
        for (long customer = GROWING_CUSTOMER + 1; customer <= GROWING_CUSTOMER + OTHER_CUSTOMERS; customer++) {
            for (int b = 0; b < BETS_PER_OTHER_CUSTOMER; b++) {
                rows.bet(nextBet++, customer, 1 + random.nextInt(1000), now.minusMinutes(1 + random.nextInt(600)));
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
            simulated = simulated.plusMinutes(1);
            long bet = nextBet++;
            rows.bet(bet, GROWING_CUSTOMER, 1 + random.nextInt(1000), simulated);
            open.addLast(new long[] {bet, simulated.toEpochSecond()});
            made++;
            if (open.size() > OPEN_BETS) {
                long[] settling = open.removeFirst();
                OffsetDateTime placed = OffsetDateTime.ofInstant(Instant.ofEpochSecond(settling[1]), ZoneOffset.UTC);
                rows.settleBet(settling[0], placed.plusMinutes(90));
                made++;
            }
            writer.commit();
        }
        return made;
    }

    @Override
    public String growingCollection() {
        return "customer_bets";
    }
}
