package dev.monobridge.connector.demo;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Random;

/**
 * Writes {@link DemoSchema#seed}'s rows through one connection, inside the caller's transaction. Ids
 * count from 1 in each table. Every random choice comes from one {@link Random}, in a fixed order, so a
 * seed always gives the same rows.
 */
final class DemoSeeder {

    /** Rows per JDBC batch: large enough to amortise round trips, small enough to bound memory. */
    private static final int BATCH_SIZE = 500;

    /** Every 7th runner gets a long form guide, so that each race or two has a TOASTed notes value. */
    private static final int LONG_NOTE_EVERY = 7;
    static final int LONG_NOTE_CHARS = 10_000;

    private final Connection connection;
    private final SqlDialect dialect;
    private final DemoSize size;
    private final Random random;

    /** A seeded selection, remembered so that bets can be placed on it. */
    private record Selection(long id, BigDecimal price, String status, OffsetDateTime eventStart,
            OffsetDateTime settledAt) {
    }

    DemoSeeder(Connection connection, SqlDialect dialect, DemoSize size, Random random) {
        this.connection = connection;
        this.dialect = dialect;
        this.size = size;
        this.random = random;
    }

    void seed() throws SQLException {
        // Whole minutes from the database's clock: rows then line up with now() in later SQL.
        OffsetDateTime now = databaseNow().truncatedTo(ChronoUnit.MINUTES);
        sports();
        List<Selection> selections = events(now);
        meetings(now);
        customersAndBets(now, selections);
        continueSequences();
    }

    private OffsetDateTime databaseNow() throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery(dialect.now())) {
            rs.next();
            return dialect.readNow(rs);
        }
    }

    private void sports() throws SQLException {
        try (Batch sport = new Batch("insert into sport (id, name) values (?, ?)", null)) {
            for (int i = 0; i < DemoNames.SPORTS.size(); i++) {
                sport.add((long) i + 1, DemoNames.SPORTS.get(i));
            }
        }
    }

    /**
     * Events cycle through five states by index: finished (settled, with results), live, then three
     * scheduled, so that even {@link DemoSize#tiny()} has one of each.
     */
    private List<Selection> events(OffsetDateTime now) throws SQLException {
        List<Selection> selections = new ArrayList<>(size.selections());
        long marketId = 0;
        long selectionId = 0;
        long resultId = 0;
        try (Batch event = new Batch(
                        "insert into event (id, sport_id, name, start_time, status) values (?, ?, ?, ?, ?)", null);
                Batch market = new Batch(
                        "insert into market (id, event_id, name, status, display_order) values (?, ?, ?, ?, ?)", event);
                Batch selection = new Batch("insert into selection (id, market_id, name, price, status, display_order)"
                        + " values (?, ?, ?, ?, ?, ?)", market);
                Batch result = new Batch("insert into result (id, event_id, market_id, selection_id, settled_at)"
                        + " values (?, ?, ?, ?, ?)", event)) {
            for (int i = 0; i < size.events(); i++) {
                long eventId = i + 1;
                int sport = i % DemoNames.SPORTS.size();
                List<String> fixture = DemoNames.fixture(random, sport);
                String status;
                OffsetDateTime start;
                switch (i % 5) {
                    case 0 -> {
                        status = "FINISHED";
                        start = now.minusMinutes(180 + 10L * (i / 5));
                    }
                    case 1 -> {
                        status = "LIVE";
                        start = now.minusMinutes(45 - i / 5);
                    }
                    default -> {
                        status = "SCHEDULED";
                        start = now.plusMinutes(60 + 20L * i);
                    }
                }
                boolean finished = status.equals("FINISHED");
                OffsetDateTime settledAt = finished ? start.plusMinutes(115) : null;
                event.add(eventId, (long) sport + 1, DemoNames.eventName(fixture, sport), start, status);

                for (int m = 0; m < size.marketsPerEvent(); m++) {
                    long thisMarket = ++marketId;
                    List<String> names = DemoNames.market(sport, m, fixture, size.selectionsPerMarket());
                    // A live event has its last market suspended, as a trader would during play.
                    boolean suspended = status.equals("LIVE") && m == size.marketsPerEvent() - 1 && m > 0;
                    String marketStatus = finished ? "SETTLED" : suspended ? "SUSPENDED" : "OPEN";
                    market.add(thisMarket, eventId, names.get(0), marketStatus, m + 1);

                    int winner = finished ? random.nextInt(Math.max(1, size.selectionsPerMarket())) : -1;
                    for (int s = 0; s < size.selectionsPerMarket(); s++) {
                        long thisSelection = ++selectionId;
                        BigDecimal price = DemoNames.selectionPrice(random);
                        String selectionStatus = finished ? (s == winner ? "WINNER" : "LOSER")
                                : suspended ? "SUSPENDED" : "ACTIVE";
                        selection.add(thisSelection, thisMarket, names.get(s + 1), price, selectionStatus, s + 1);
                        selections.add(new Selection(thisSelection, price, selectionStatus, start, settledAt));
                        if (s == winner) {
                            result.add(++resultId, eventId, thisMarket, thisSelection, settledAt);
                        }
                    }
                }
            }
        }
        return selections;
    }

    /**
     * Today's meetings. Race r of meeting m is off at now - 50 + 35r + 10m minutes: races off more than
     * 20 minutes ago are resulted, those off in the last 20 minutes are running (OFF), later ones open.
     * Race ids follow the off times across meetings, as the load generator sends races off in id order.
     */
    private void meetings(OffsetDateTime now) throws SQLException {
        List<Integer> venues = new ArrayList<>();
        for (int i = 0; i < DemoNames.venueCount(); i++) {
            venues.add(i);
        }
        Collections.shuffle(venues, random);
        try (Batch meeting = new Batch(
                        "insert into meeting (id, venue, meeting_date, country, going) values (?, ?, ?, ?, ?)", null);
                Batch race = new Batch("insert into race"
                        + " (id, meeting_id, name, off_time, status, distance_m, resulted_at)"
                        + " values (?, ?, ?, ?, ?, ?, ?)", meeting);
                Batch runner = new Batch("insert into runner (id, race_id, name, cloth_number, price, status, notes)"
                        + " values (?, ?, ?, ?, ?, ?, ?)", race)) {
            List<int[]> card = new ArrayList<>(size.races());
            for (int m = 0; m < size.meetings(); m++) {
                List<String> venue = DemoNames.venue(venues.get(m % venues.size()));
                // Going is unknown (null) for about one meeting in ten: the column is nullable in the monolith.
                String going = random.nextInt(10) == 0 ? null : DemoNames.pick(random, DemoNames.GOINGS);
                meeting.add((long) m + 1, venue.get(0), now.toLocalDate(), venue.get(1), going);
                for (int r = 0; r < size.racesPerMeeting(); r++) {
                    card.add(new int[] {-50 + 35 * r + 10 * m, m});
                }
            }
            card.sort(Comparator.comparingInt(offAndMeeting -> offAndMeeting[0]));

            long raceId = 0;
            long runnerId = 0;
            for (int[] offAndMeeting : card) {
                long thisRace = ++raceId;
                int offMinutes = offAndMeeting[0];
                String status = offMinutes <= -20 ? "RESULTED" : offMinutes <= 0 ? "OFF" : "OPEN";
                OffsetDateTime off = now.plusMinutes(offMinutes);
                OffsetDateTime resultedAt = status.equals("RESULTED") ? off.plusMinutes(6) : null;
                race.add(thisRace, (long) offAndMeeting[1] + 1, DemoNames.raceName(random), off, status,
                        DemoNames.distanceMetres(random), resultedAt);

                // About one declared runner in twenty is a non-runner, with no price and no place.
                boolean[] nonRunner = new boolean[size.runnersPerRace()];
                int running = 0;
                for (int c = 0; c < nonRunner.length; c++) {
                    nonRunner[c] = random.nextInt(20) == 0;
                    running += nonRunner[c] ? 0 : 1;
                }
                Iterator<String> finish = finishingOrder(running).iterator();
                for (int c = 0; c < nonRunner.length; c++) {
                    long thisRunner = ++runnerId;
                    BigDecimal price = nonRunner[c] ? null : DemoNames.runnerPrice(random);
                    String runnerStatus = nonRunner[c] ? "NON_RUNNER"
                            : status.equals("RESULTED") ? finish.next() : "RUNNER";
                    String notes = thisRunner % LONG_NOTE_EVERY == 1
                            ? DemoNames.formGuide(random, LONG_NOTE_CHARS)
                            : random.nextInt(3) == 0 ? null : DemoNames.shortNote(random);
                    runner.add(thisRunner, thisRace, DemoNames.horse(random), c + 1, price, runnerStatus, notes);
                }
            }
        }
    }

    /** One WINNER, two PLACED and the rest LOST, shuffled over the cloth numbers. */
    private List<String> finishingOrder(int runners) {
        List<String> order = new ArrayList<>(runners);
        for (int i = 0; i < runners; i++) {
            order.add(i == 0 ? "WINNER" : i <= 2 ? "PLACED" : "LOST");
        }
        Collections.shuffle(order, random);
        return order;
    }

    private void customersAndBets(OffsetDateTime now, List<Selection> selections) throws SQLException {
        long betId = 0;
        try (Batch customer = new Batch("insert into customer (id, name, email, created_at) values (?, ?, ?, ?)", null);
                Batch bet = new Batch("insert into bet (id, customer_id, selection_id, stake, price, status, placed_at,"
                        + " settled_at) values (?, ?, ?, ?, ?, ?, ?, ?)", customer)) {
            for (int c = 0; c < size.customers(); c++) {
                long customerId = c + 1;
                String name = DemoNames.customerName(random);
                OffsetDateTime created = now.minusDays(1 + random.nextInt(1000)).minusMinutes(random.nextInt(1440));
                customer.add(customerId, name, DemoNames.email(name, customerId), created);

                for (int b = 0; b < size.betsPerCustomer(); b++) {
                    Selection on = selections.get(random.nextInt(selections.size()));
                    String status = switch (on.status()) {
                        case "WINNER" -> "WON";
                        case "LOSER" -> "LOST";
                        default -> "OPEN";
                    };
                    // Settled bets were placed before their event started; open ones in the last few hours.
                    OffsetDateTime placed = status.equals("OPEN")
                            ? now.minusMinutes(1 + random.nextInt(300))
                            : on.eventStart().minusMinutes(1 + random.nextInt(600));
                    bet.add(++betId, customerId, on.id(), DemoNames.stake(random), on.price(), status, placed,
                            on.settledAt());
                }
            }
        }
    }

    /** Points each table's id sequence after its largest id, so that new rows never collide with seeded ones. */
    private void continueSequences() throws SQLException {
        try (Statement statement = connection.createStatement()) {
            for (String table : DemoSchema.TABLES) {
                long next;
                try (ResultSet rs = statement.executeQuery("select coalesce(max(id), 0) + 1 from " + table)) {
                    rs.next();
                    next = rs.getLong(1);
                }
                // setval answers with the value it set: nothing to read.
                statement.execute(dialect.restartSequence(table + "_id_seq", next));
            }
        }
    }

    /**
     * A prepared insert that executes every {@link #BATCH_SIZE} rows and on close. Foreign keys are
     * checked per statement, so a batch first flushes its parent's pending rows: a child row must never
     * reach the database before the row it references.
     */
    private final class Batch implements AutoCloseable {

        private final PreparedStatement statement;
        private final Batch parent;
        private int pending;

        Batch(String sql, Batch parent) throws SQLException {
            this.statement = connection.prepareStatement(sql);
            this.parent = parent;
        }

        void add(Object... values) throws SQLException {
            for (int i = 0; i < values.length; i++) {
                statement.setObject(i + 1, dialect.parameter(values[i]));
            }
            statement.addBatch();
            if (++pending == BATCH_SIZE) {
                flush();
            }
        }

        private void flush() throws SQLException {
            if (parent != null) {
                parent.flush();
            }
            if (pending > 0) {
                statement.executeBatch();
                pending = 0;
            }
        }

        @Override
        public void close() throws SQLException {
            try {
                flush();
            } finally {
                statement.close();
            }
        }
    }
}
