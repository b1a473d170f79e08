package dev.monobridge.connector.demo;

import java.util.Arrays;

/**
 * How much data {@link DemoSchema#seed} writes: racing (meetings, races per meeting, runners per race),
 * sports (events, markets per event, selections per market) and customers with their bets.
 *
 * @param meetings race meetings
 * @param racesPerMeeting races at each meeting
 * @param runnersPerRace runners declared for each race
 * @param events sports events, shared out over the seeded sports
 * @param marketsPerEvent markets on each event
 * @param selectionsPerMarket selections in each market
 * @param customers customers
 * @param betsPerCustomer bets each customer has placed, on seeded selections
 */
public record DemoSize(int meetings, int racesPerMeeting, int runnersPerRace, int events,
        int marketsPerEvent, int selectionsPerMarket, int customers, int betsPerCustomer) {

    /** Refuses negative counts, and bets with no selection to be placed on. */
    public DemoSize {
        int[] counts = {meetings, racesPerMeeting, runnersPerRace, events, marketsPerEvent,
                selectionsPerMarket, customers, betsPerCustomer};
        for (int count : counts) {
            if (count < 0) {
                throw new IllegalArgumentException("counts must not be negative: " + Arrays.toString(counts));
            }
        }
        if (customers > 0 && betsPerCustomer > 0 && (long) events * marketsPerEvent * selectionsPerMarket == 0) {
            throw new IllegalArgumentException("bets need at least one selection to be placed on: "
                    + Arrays.toString(counts));
        }
    }

    /** The demo's default: 3 meetings of 6 races of 8 runners, 10 events of 4 markets of 3, 20 customers of 10 bets. */
    public static DemoSize small() {
        return new DemoSize(3, 6, 8, 10, 4, 3, 20, 10);
    }

    /** For tests: 2 meetings of 3 races of 4 runners, 3 events of 2 markets of 3, 4 customers of 3 bets. */
    public static DemoSize tiny() {
        return new DemoSize(2, 3, 4, 3, 2, 3, 4, 3);
    }

    int races() {
        return meetings * racesPerMeeting;
    }

    int runners() {
        return races() * runnersPerRace;
    }

    int markets() {
        return events * marketsPerEvent;
    }

    int selections() {
        return markets() * selectionsPerMarket;
    }

    int bets() {
        return customers * betsPerCustomer;
    }
}
