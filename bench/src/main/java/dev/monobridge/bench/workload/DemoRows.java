package dev.monobridge.bench.workload;

import java.math.BigDecimal;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Random;

/** Inserts of the demo schema's rows, with plausible values drawn from a seeded {@link Random}. */
final class DemoRows {

    private static final String[] VENUES = {"Ascot", "Cheltenham", "Kempton", "Leopardstown", "Sandown", "Wetherby",
        "Newbury", "Haydock", "Doncaster", "Aintree"};
    private static final String[] GOINGS = {"Good", "Good to Soft", "Soft", "Heavy", "Good to Firm"};
    private static final String[] HORSES = {"Desert Crown", "Galopin Des Champs", "Constitution Hill", "Energumene",
        "State Man", "Shishkin", "Allaho", "Jonbon", "Honeysuckle", "Bravemansgame", "Fakir D'oudairies", "Stage Star"};
    private static final String[] TEAMS = {"Arsenal", "Chelsea", "Liverpool", "Everton", "Leeds United", "Fulham",
        "Brentford", "Wolves", "Burnley", "Sunderland"};

    private final SourceWriter writer;
    private final Random random;

    DemoRows(SourceWriter writer, Random random) {
        this.writer = writer;
        this.random = random;
    }

    void sport(long id) throws SQLException {
        writer.add("insert into sport (id, name) values (?, ?)", id, "Football");
    }

    void meeting(long id, LocalDate date) throws SQLException {
        writer.add("insert into meeting (id, venue, meeting_date, country, going) values (?, ?, ?, ?, ?)",
                id, VENUES[(int) (id % VENUES.length)], date, "GB", GOINGS[random.nextInt(GOINGS.length)]);
    }

    void race(long id, long meetingId, OffsetDateTime off) throws SQLException {
        writer.add("insert into race (id, meeting_id, name, off_time, status, distance_m, resulted_at)"
                + " values (?, ?, ?, ?, ?, ?, ?)", id, meetingId, "Race " + id + " Handicap Chase", off, "OPEN",
                1600 + 200 * random.nextInt(15), null);
    }

    void runner(long id, long raceId, int cloth) throws SQLException {
        writer.add("insert into runner (id, race_id, name, cloth_number, price, status, notes) values (?, ?, ?, ?, ?, ?, ?)",
                id, raceId, HORSES[random.nextInt(HORSES.length)] + " " + id, cloth, price(), "RUNNER", null);
    }

    void event(long id, OffsetDateTime start) throws SQLException {
        writer.add("insert into event (id, sport_id, name, start_time, status) values (?, ?, ?, ?, ?)",
                id, 1L, TEAMS[random.nextInt(TEAMS.length)] + " v " + TEAMS[random.nextInt(TEAMS.length)], start, "SCHEDULED");
    }

    void market(long id, long eventId, int order) throws SQLException {
        writer.add("insert into market (id, event_id, name, status, display_order) values (?, ?, ?, ?, ?)",
                id, eventId, "Market " + order, "OPEN", order);
    }

    void selection(long id, long marketId, int order) throws SQLException {
        writer.add("insert into selection (id, market_id, name, price, status, display_order) values (?, ?, ?, ?, ?, ?)",
                id, marketId, "Selection " + order, price(), "ACTIVE", order);
    }

    void customer(long id, OffsetDateTime created) throws SQLException {
        writer.add("insert into customer (id, name, email, created_at) values (?, ?, ?, ?)",
                id, "Customer " + id, "customer" + id + "@example.com", created);
    }

    void bet(long id, long customerId, long selectionId, OffsetDateTime placed) throws SQLException {
        writer.add("insert into bet (id, customer_id, selection_id, stake, price, status, placed_at, settled_at)"
                + " values (?, ?, ?, ?, ?, ?, ?, ?)", id, customerId, selectionId, stake(), price(), "OPEN", placed, null);
    }

    void runnerPrice(long runnerId) throws SQLException {
        writer.add("update runner set price = ? where id = ?", price(), runnerId);
    }

    void selectionPrice(long selectionId) throws SQLException {
        writer.add("update selection set price = ? where id = ?", price(), selectionId);
    }

    void settleBet(long betId, OffsetDateTime settledAt) throws SQLException {
        writer.add("update bet set status = ?, settled_at = ? where id = ?", random.nextInt(3) == 0 ? "WON" : "LOST",
                settledAt, betId);
    }

    /** A price on a ladder from 1.10 to about 51, in hundredths, as the monolith stores them. */
    BigDecimal price() {
        return BigDecimal.valueOf(110 + random.nextInt(5000), 2);
    }

    private BigDecimal stake() {
        return BigDecimal.valueOf(100 + random.nextInt(10_000), 2);
    }
}
