package dev.monobridge.connector.demo;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The sizes the {@link Workload} keeps the database near, read once from the data it starts on: new
 * races and events are added only below these counts, and finished meetings, events and settled bets
 * are deleted only above them. That is what keeps a long run from growing the database.
 *
 * <p>The floors let a run on an empty database still build up some racing, and some sport and bets
 * where the reference rows (sports, customers) exist.
 */
record WorkloadTargets(int openRaces, int meetings, int racesPerMeeting, int runnersPerRace, int activeEvents,
        int events, int marketsPerEvent, int selectionsPerMarket, int bets) {

    static WorkloadTargets read(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("select"
                        + " (select count(*) from race where status = 'OPEN'),"
                        + " (select count(*) from meeting),"
                        + " (select count(*) from race),"
                        + " (select count(*) from runner),"
                        + " (select count(*) from event where status in ('SCHEDULED', 'LIVE')),"
                        + " (select count(*) from event),"
                        + " (select count(*) from market),"
                        + " (select count(*) from selection),"
                        + " (select count(*) from bet)")) {
            rs.next();
            long openRaces = rs.getLong(1);
            long meetings = rs.getLong(2);
            long races = rs.getLong(3);
            long runners = rs.getLong(4);
            long activeEvents = rs.getLong(5);
            long events = rs.getLong(6);
            long markets = rs.getLong(7);
            long selections = rs.getLong(8);
            long bets = rs.getLong(9);
            int targetActiveEvents = (int) Math.max(3, activeEvents);
            return new WorkloadTargets(
                    (int) Math.max(4, openRaces),
                    (int) Math.max(2, meetings),
                    clamp(ratio(races, meetings, 6), 1, 20),
                    clamp(ratio(runners, races, 8), 3, 30),
                    targetActiveEvents,
                    (int) Math.max(targetActiveEvents + 2, events),
                    clamp(ratio(markets, events, 3), 1, 20),
                    clamp(ratio(selections, markets, 3), 2, 20),
                    (int) Math.max(50, bets));
        }
    }

    private static long ratio(long count, long per, long otherwise) {
        return per == 0 ? otherwise : Math.round((double) count / per);
    }

    private static int clamp(long value, int min, int max) {
        return (int) Math.max(min, Math.min(max, value));
    }
}
